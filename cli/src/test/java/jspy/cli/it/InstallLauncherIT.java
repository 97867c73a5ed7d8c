package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ./jspy launcher of a source checkout with a bad JAVA_HOME, an old Java or none: one jspy
 * line with a hint and exit code 1, never a raw 'exec: ... not found' or a JVM's stack trace.
 */
class InstallLauncherIT {
    @TempDir
    Path dir;

    private static String launcher() {
        return Path.of(System.getProperty("jspy.repo"), "jspy").toAbsolutePath().normalize().toString();
    }

    private CleanShell.Result version(Map<String, String> env) throws Exception {
        return CleanShell.in(dir).run(dir, env, 60, List.of(launcher(), "--version"));
    }

    @Test
    void aJavaHomeThatDoesNotExistIsOneLineWithAHint() throws Exception {
        CleanShell.Result r = version(Map.of("JAVA_HOME", "/opt/no-such-jdk"));
        assertEquals(1, r.code());
        assertEquals("jspy: JAVA_HOME=/opt/no-such-jdk has no bin/java (hint: point JAVA_HOME at a JDK 17 or newer, "
                + "or unset it to use the java on PATH)\n", r.err());
        assertEquals("", r.out());
    }

    /**
     * No JDK 8 or 11 can be installed here (Debian 12 and Maven Central have none), so the old
     * JDK is a home with a real 'release' file and a bin/java that leaves a mark if run at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.8.0_392", "11.0.25"})
    void aJavaHomeOlderThan17IsOneLineWithAHint(String version) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Path ran = dir.resolve("java-ran");
        Files.writeString(java, "#!/bin/sh\ntouch " + ran + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\""
                + version + "\"\n");
        CleanShell.Result r = version(Map.of("JAVA_HOME", home.toString()));
        assertEquals(1, r.code());
        assertEquals("jspy: JAVA_HOME=" + home + " is Java " + version + "; jspy runs on Java 17 or "
                + "newer (hint: point JAVA_HOME at a JDK 17 or newer, or install the release tarball, which brings "
                + "its own runtime; the JVMs you profile can be older)\n", r.err());
        assertFalse(Files.exists(ran), "the old java was run");
    }

    @Test
    void noJavaAtAllIsOneLineWithAHint() throws Exception {
        CleanShell shell = CleanShell.in(dir);
        assertNotEquals(0, shell.run(dir, Map.of(), 10, List.of("sh", "-c", "command -v java")).code(),
                "the clean PATH still has a java");
        CleanShell.Result r = shell.run(dir, Map.of(), 60, List.of(launcher(), "--version"));
        assertEquals(1, r.code());
        assertEquals("jspy: no java found: JAVA_HOME is not set and no java is on PATH (hint: install a JDK 17 or "
                + "newer, or the release tarball, which brings its own runtime)\n", r.err());
    }

    @Test
    void aGoodJavaHomeIsUsed() throws Exception {
        Path jdk25 = Jdks.java(25).getParent().getParent();
        CleanShell.Result r = version(Map.of("JAVA_HOME", jdk25.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("runtime: Java 25"), r.out());
    }
}
