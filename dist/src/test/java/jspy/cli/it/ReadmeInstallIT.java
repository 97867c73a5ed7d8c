package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's install example, run as written from the checkout on a host without Java
 * (CleanShell), with two substitutions: a scratch directory stands for /opt, and sudo is left out
 * (the suite may not have it; unpacking into a scratch directory needs no root). The tarball is the
 * one this build made; ReadmeExamplesIT in cli runs the other examples.
 */
class ReadmeInstallIT {
    @TempDir
    Path dir;

    @Test
    void theInstallExampleInstallsARunnableJspy() throws Exception {
        String block = ReadmeExamples.read().example("install").text();
        assertTrue(block.startsWith("sudo tar xzf dist/target/"), block);
        Path opt = Files.createDirectories(dir.resolve("opt"));
        String script = block.replace("sudo ", "").replace("/opt", opt.toString());
        CleanShell shell = CleanShell.in(dir);
        String fromTheCheckout = "cd '" + ReadmeExamples.repo() + "'\n" + script; // CleanShell keeps its files in dir
        CleanShell.Result r = shell.run(dir, Map.of(), 120, List.of("bash", "-e", "-c", fromTheCheckout));
        assertEquals(0, r.code(), r.out() + r.err());
        try (var unpacked = Files.list(opt)) {
            Path home = unpacked.findFirst().orElseThrow();
            assertTrue(script.contains("export PATH=" + home + "/bin:$PATH"),
                    "the README's PATH names the directory the tarball unpacks into, " + home.getFileName());
            assertTrue(r.out().startsWith("jspy "), r.out());
            assertTrue(r.out().contains(") at " + home.resolve("runtime") + "\n"),
                    "jspy runs on the tarball's own runtime: " + r.out());
        }
    }
}
