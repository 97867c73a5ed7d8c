package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./jspy launcher and the class-data-sharing archive 'mvn package' builds next to the jar:
 * mapped with the JDK that made it, ignored (silently) with any other JDK or another jar.
 */
class LauncherIT {
    private static final String MAIN_SHARED = "jspy.cli.Main source: shared objects file";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err, String classLog) {
    }

    private static Path builtJar() {
        return Path.of(System.getProperty("jspy.jar")).toAbsolutePath();
    }

    private Result run(Path launcher, Path javaHome) throws Exception {
        Path log = Files.createTempFile(dir, "classes", ".log");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version").directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher hung");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void assertCleanVersion(Result r) {
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("jspy \\S+ \\(commit \\S+\\)\\n(?s).*"), "stdout: " + r.out());
        // Only HotSpot's own note about the test's JAVA_TOOL_OPTIONS; no CDS warning or error.
        assertEquals("Picked up JAVA_TOOL_OPTIONS: -Xlog:class+load=info:file=", r.err().replaceAll("file=\\S+\\n", "file="));
        assertTrue(r.classLog().contains("java.lang.Object source: shared objects file"),
                "the JDK's own CDS archive must still be mapped");
    }

    @Test
    void theBuildingJdkMapsTheArchive() throws Exception {
        Path jar = builtJar();
        assertTrue(Files.exists(jar.resolveSibling("jspy.jsa")), "mvn package made no jspy.jsa next to " + jar);
        Path launcher = jar.getParent().getParent().getParent().resolve("jspy");
        Result r = run(launcher, Path.of(System.getProperty("java.home")));
        assertCleanVersion(r);
        assertTrue(r.classLog().contains(MAIN_SHARED), "jspy's classes were not mapped from jspy.jsa");
    }

    @Test
    void anotherJdkIgnoresTheArchiveWithoutAWord() throws Exception {
        Path jar = builtJar();
        Path launcher = jar.getParent().getParent().getParent().resolve("jspy");
        int building = Runtime.version().feature();
        int other = Jdks.required().stream().filter(f -> f != building).findFirst().orElseThrow();
        Result r = run(launcher, Jdks.java(other).getParent().getParent());
        assertCleanVersion(r);
        assertFalse(r.classLog().contains(MAIN_SHARED));
    }

    @Test
    void aCopiedJarIgnoresTheArchiveWithoutAWord() throws Exception {
        Path jar = builtJar();
        Path copy = Files.createDirectories(dir.resolve("bin"));
        for (Path f : new Path[] {jar, jar.resolveSibling("jspy.jsa"), jar.resolveSibling("jspy.jsa.java"),
            jar.getParent().getParent().getParent().resolve("jspy")}) {
            Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Result r = run(copy.resolve("jspy"), Path.of(System.getProperty("java.home")));
        assertCleanVersion(r);
        assertFalse(r.classLog().contains(MAIN_SHARED));
    }
}
