package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    /**
     * MixedWaitsApp's helpers too, but not UnixWaits (JDK 16+ API): javac resolves it from
     * test-apps' own classes, and on JDK 11 the app never loads it.
     */
    private static final List<String> SOURCES = List.of("Ready", "CpuApp", "SocketApp", "WaitTargetsApp", "Ledger",
            "MixedWaitsApp", "LocalServer", "PostgresServerProcess", "RedisServerProcess", "SlowHttpServer");

    @TempDir
    static Path classes;
    @TempDir
    Path dir;

    @BeforeAll
    static void compileForJdk11() {
        Jdks.oldest(); // fails loudly, before compiling anything, when JDK 11 is absent
        Path src = Path.of(System.getProperty("jspy.repo"), "test-apps/src/main/java/jspy/testapps");
        // the targets' class path: pgjdbc, Jedis and OkHttp (Java 8 class files), and test-apps' own classes
        List<String> args = new ArrayList<>(List.of("--release", "11", "-d", classes.toString(),
                "-cp", System.getProperty("jspy.testapps.classpath")));
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

    /** Wait targets on JDK 11: a peer read from the kernel, and a monitor's owner from the agent. */
    @Test
    void waitsNameTheirPeerAndLockOwner() throws Exception {
        try (TargetApp app = TargetApp.startWithClasspathPrefix(Jdks.oldest(), "WaitTargetsApp", dir, classes + ":")) {
            Properties expect = new Properties();
            expect.load(new StringReader(Files.readString(dir.resolve("WaitTargetsApp-11.ready.expect"))));
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "5", "-o", "w.collapsed",
                    "--threads");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            Recorded rec = new Recorded(dir.resolve("w.collapsed"));
            String peer = "[peer " + expect.getProperty("a") + "]";
            assertTrue(rec.targetShare("peer-a-reader", "socket", peer) >= 0.9, rec.targets("peer-a-reader").toString());
            assertTrue(rec.targetShare("ledger-reader-", "lock", "[Ledger held by ledger-writer-3]") >= 0.9,
                    rec.targets("ledger-reader-").toString());
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /**
     * MixedWaitsApp on JDK 11, as WaitTargetsIT runs it on 17 and 25: each group's waits name its
     * own PostgreSQL, Redis or HTTP peer, or its lock's owner, for >= 95% of them. No unix group:
     * the JDK has Unix-domain sockets from 16 on.
     */
    @Test
    void aServiceWaitingOnEverythingAtOnce() throws Exception {
        try (TargetApp app = TargetApp.startWithClasspathPrefix(Jdks.oldest(), "MixedWaitsApp", dir, classes + ":")) {
            Properties expect = new Properties();
            expect.load(new StringReader(Files.readString(dir.resolve("MixedWaitsApp-11.ready.expect"))));
            assertEquals(null, expect.getProperty("unix"), "a unix socket on JDK 11?");
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "6", "-o", "m.collapsed",
                    "--threads");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            Recorded rec = new Recorded(dir.resolve("m.collapsed"));
            WaitTargetsIT.assertNamed(rec, "pg-query-", "jdbc", "[peer " + expect.getProperty("pg") + "]", 0.95);
            WaitTargetsIT.assertNamed(rec, "redis-pop-1", "socket", "[peer " + expect.getProperty("redis") + "]", 0.95);
            WaitTargetsIT.assertNamed(rec, "http-url-1", "socket", "[peer " + expect.getProperty("http") + "]", 0.95);
            WaitTargetsIT.assertNamed(rec, "okhttp-1", "socket", "[peer " + expect.getProperty("http") + "]", 0.95);
            WaitTargetsIT.assertNamed(rec, "ledger-waiter-1", "lock", "[Ledger held by ledger-owner]", 0.95);
            WaitTargetsIT.assertNamed(rec, "rlock-waiter-1", "lock", "[ReentrantLock held by rlock-owner]", 0.95);
            assertEquals("", app.printed(), "the target printed something");
        }
    }
}
