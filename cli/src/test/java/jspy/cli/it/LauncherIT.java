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

    /**
     * A script's 'jspy record ... &' starts with SIGINT ignored (a shell without job control does
     * that), and the launcher gives it back: 'kill -INT' writes the output as Ctrl-C does. Before
     * the launcher did, jspy ran on until this test's timeout.
     */
    @Test
    void aRecordStartedInTheBackgroundOfAScriptStopsOnSigint() throws Exception {
        Path launcher = builtJar().getParent().getParent().getParent().resolve("jspy");
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            Path err = dir.resolve("bg.err");
            Path pid = dir.resolve("bg.pid");
            Process sh = new ProcessBuilder("sh", "-c", "\"$0\" record -p " + app.pid() + " -o bg.svg 2>bg.err </dev/null & "
                    + "echo $! >bg.pid; wait $!", launcher.toString()).directory(dir.toFile()).start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!(Files.exists(err) && Files.readString(err).contains("Sampling"))) {
                assertTrue(sh.isAlive() && System.currentTimeMillis() < deadline, "jspy did not start sampling");
                Thread.sleep(50);
            }
            Thread.sleep(1500);
            String jspyPid = Files.readString(pid).trim();
            assertEquals(0, new ProcessBuilder("kill", "-INT", jspyPid).start().waitFor());
            boolean stopped = sh.waitFor(20, TimeUnit.SECONDS);
            if (!stopped) {
                new ProcessBuilder("kill", "-TERM", jspyPid).start().waitFor();
            }
            assertTrue(stopped, "SIGINT did not stop a background jspy record: " + Files.readString(err));
            assertEquals(0, sh.exitValue(), Files.readString(err));
            assertTrue(Files.readString(err).contains("Wrote flame graph to 'bg.svg'"), Files.readString(err));
            Recorded.assertWellFormedXml(dir.resolve("bg.svg"));
        }
    }
}
