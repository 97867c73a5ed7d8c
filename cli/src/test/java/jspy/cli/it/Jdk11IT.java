package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JDK 11 target ({@link Jdks#oldest()}, which ./test provides): attach, record, and check that
 * the scenario's threads land in their bucket as ScenarioIT checks on 17 and 25; then dump it.
 * test-apps compile with --release 17 like the rest of the build, and JDK 11 loads class files
 * up to version 55 only, so the scenarios run here are the same sources compiled with --release 11.
 */
class Jdk11IT {
    private static final List<String> SOURCES = List.of("Ready", "CpuApp", "SocketApp");

    @TempDir
    static Path classes;
    @TempDir
    Path dir;

    @BeforeAll
    static void compileForJdk11() {
        Jdks.oldest(); // fails loudly, before compiling anything, when JDK 11 is absent
        Path src = Path.of(System.getProperty("jspy.repo"), "test-apps/src/main/java/jspy/testapps");
        List<String> args = new ArrayList<>(List.of("--release", "11", "-d", classes.toString()));
        SOURCES.forEach(s -> args.add(src.resolve(s + ".java").toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac " + args);
    }

    @ParameterizedTest(name = "JDK 11: {0}")
    @CsvSource({"CpuApp, cpu-worker, cpu", "SocketApp, socket-reader, socket"})
    void threadsLandInTheirBucketAndDumpWorks(String scenario, String thread, String bucket) throws Exception {
        try (TargetApp app = TargetApp.startWithClasspathPrefix(Jdks.oldest(), scenario, dir, classes + ":")) {
            String pid = Long.toString(app.pid());
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "3", "-o", "p.svg", "-f", "svg,collapsed",
                    "--threads", "--idle");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            Recorded rec = new Recorded(dir.resolve("p.collapsed"));
            long total = rec.total(thread);
            double share = rec.share(thread, bucket);
            assertTrue(total >= 150, thread + " has only " + total + " samples in 3 s at 100 Hz");
            assertTrue(share >= 0.90, thread + " is " + bucket + " for only "
                    + String.format(Locale.ROOT, "%.1f%%", share * 100) + ": " + rec.buckets(thread));
            assertTrue(!rec.hasThread("jspy-agent"), "the agent's own thread must not be sampled");
            Recorded.assertWellFormedXml(dir.resolve("p.svg"));

            JspyRun dump = JspyRun.run(dir, 60, "dump", "-p", pid, "--json");
            assertEquals(0, dump.exitCode(), dump.stderr());
            assertTrue(dump.stdout().matches("(?s).*\"mainClass\" ?: ?\"jspy.testapps." + scenario + "\".*"),
                    dump.stdout());
            assertTrue(dump.stdout().contains("\"" + thread + "\""), dump.stdout());
            assertTrue(dump.stdout().matches("(?s).*\"javaVersion\" ?: ?\"11\\..*"), "not a JDK 11 target: "
                    + dump.stdout().lines().limit(8).toList());
            assertEquals("", app.printed(), "the target printed something");
        }
    }
}
