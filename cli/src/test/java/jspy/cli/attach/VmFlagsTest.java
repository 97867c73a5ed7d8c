package jspy.cli.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags read the way the launcher and the VM read them: argfiles, quotes, order, the main class. */
class VmFlagsTest {
    @TempDir
    Path proc;

    @Test
    void theLastMentionWinsAndXrsIsReduceSignalUsage() {
        VmFlags f = VmFlags.parse(List.of("-XX:+DisableAttachMechanism", "-Xrs", "-XX:-DisableAttachMechanism"));
        assertFalse(f.on("DisableAttachMechanism"));
        assertTrue(f.off("DisableAttachMechanism"));
        assertTrue(f.on("ReduceSignalUsage"));
        assertFalse(f.on("EnableDynamicAgentLoading") || f.off("EnableDynamicAgentLoading"));
    }

    @Test
    void argfilesAreExpandedRelativeToTheTargetsWorkingDirectory() throws Exception {
        Files.createDirectories(proc.resolve("cwd"));
        Files.writeString(proc.resolve("cwd/opts"), "# a comment -XX:+DisableAttachMechanism\n-Xmx64m\n  \"-Xrs\"\n");
        List<String> args = VmFlags.expand(proc, List.of("-cp", "x.jar", "@opts", "Main", "-XX:+DisableAttachMechanism"),
                true);
        assertEquals(List.of("-cp", "x.jar", "-Xmx64m", "-Xrs", "Main"), args);
        VmFlags f = VmFlags.parse(args);
        assertTrue(f.on("ReduceSignalUsage"));
        assertFalse(f.on("DisableAttachMechanism"), "a comment and the program's own arguments are not flags");
    }

    @Test
    void jarAndModuleEndTheOptionsAndAtAtIsALiteral() {
        List<String> jar = VmFlags.expand(proc, List.of("-Xrs", "-jar", "app.jar", "-XX:+DisableAttachMechanism"), true);
        assertEquals(List.of("-Xrs", "-jar"), new ArrayList<>(jar.subList(0, 2)));
        assertFalse(VmFlags.parse(jar).on("DisableAttachMechanism"));
        // @@x is the literal argument @x: here the main class, so the options end there
        assertEquals(List.of("-Xrs", "@x"), VmFlags.expand(proc, List.of("-Xrs", "@@x", "-XX:+DisableAttachMechanism"),
                true));
        assertEquals(List.of("--disable-@files", "@x"), VmFlags.expand(proc, List.of("--disable-@files", "@x", "Main"),
                true));
    }

    @Test
    void environmentOptionsAreSplitOnWhitespaceWithQuotes() {
        assertEquals(List.of("-Xrs", "-Dx=a b", "-XX:+DisableAttachMechanism"),
                VmFlags.tokens("  -Xrs '-Dx=a b'\t-XX:+DisableAttachMechanism "));
        assertEquals(List.of(), VmFlags.tokens(null));
    }
}
