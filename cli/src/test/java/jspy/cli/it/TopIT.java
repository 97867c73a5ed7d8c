package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jspy top} in a real terminal (tmux), driven by keys and read back from the screen, and
 * without a terminal (stdout to a file), on JDK 17 and 25 targets.
 */
class TopIT {
    private static final Pattern BUCKET_SHARE = Pattern.compile("\\b([a-z]+) (\\d+\\.\\d)%");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void liveViewInATerminal(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir); Tmux tmux = Tmux.start(dir, app.pid())) {
            String screen = tmux.await("the busy method", s -> s.contains("jspy.testapps.CpuApp.spin")
                    && s.contains("window:"));
            String[] lines = screen.split("\n");
            assertTrue(lines[0].contains("pid " + app.pid() + " · jspy.testapps.CpuApp · JDK " + jdk), screen);
            String buckets = line(screen, "Buckets:");
            assertTrue(share(buckets, "cpu") >= 50, "the busy thread is cpu: " + buckets);
            assertFalse(buckets.contains("idle"), "idle is hidden by default: " + buckets);
            assertTrue(line(screen, "Threads:").matches("Threads: \\d+ · active: \\d+"), screen);

            tmux.keys("3");
            screen = tmux.await("sort by OwnTime", s -> s.contains("Sort: OwnTime"));
            assertTrue(firstRow(screen).endsWith("cpu     jspy.testapps.CpuApp.spin"), screen);

            tmux.keys("i");
            screen = tmux.await("idle shown", s -> s.contains("idle: shown"));
            assertTrue(share(line(screen, "Buckets:"), "idle") > 0, screen);

            tmux.keys("b");
            screen = tmux.await("cpu filter", s -> s.contains("filter: cpu"));
            for (String row : rows(screen)) {
                assertTrue(row.contains(" cpu "), "only cpu rows under the cpu filter: " + screen);
            }

            tmux.keys("t");
            screen = tmux.await("thread view", s -> s.contains("view: threads") && s.contains("cpu-worker"));
            assertTrue(firstRow(screen).contains("cpu-worker"), screen);

            tmux.keys("?");
            tmux.await("help", s -> s.contains("q  quit"));
            tmux.keys("x");
            tmux.await("help closed", s -> !s.contains("q  quit") && s.contains("cpu-worker"));

            assertTrue(agentThreads(jdk, app.pid()) > 0, "the agent samples while top runs:\n" + tmux.screen());
            tmux.keys(jdk == 17 ? "q" : "C-c"); // both quit: q as a key, Ctrl-C as SIGINT
            assertEquals("EXIT=0", tmux.awaitExit(), tmux.stderr());
            assertEquals("", tmux.stderr(), "top printed warnings or errors");
            long deadline = System.currentTimeMillis() + 10_000;
            while (agentThreads(jdk, app.pid()) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, agentThreads(jdk, app.pid()), "after top quits the agent stops sampling");
            String stty = Files.readString(tmux.stty);
            assertTrue(stty.contains(" icanon") && stty.contains(" echo ") && !stty.contains("-icanon"),
                    "the terminal is back in cooked mode: " + stty);
            assertTrue(app.process().isAlive(), "the target must survive");
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void plainSnapshotsWithoutATerminal(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "LockApp", dir)) {
            JspyRun jspy = JspyRun.start(dir, "top", "-p", Long.toString(app.pid()), "--delay", "0.5");
            long deadline = System.currentTimeMillis() + 30_000;
            while (count(jspy.stdout(), "Buckets:") < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            if (jdk == 25) {
                app.close(); // the target exits under top
            } else {
                jspy.signal("TERM");
            }
            assertEquals(0, jspy.await(20), jspy.stderr());
            String out = jspy.stdout();
            assertTrue(count(out, "Buckets:") >= 3, "a snapshot per --delay: " + out + jspy.stderr());
            assertFalse(out.contains("\u001b"), "no escape codes in plain mode");
            assertTrue(out.contains("pid " + app.pid() + " · jspy.testapps.LockApp · JDK " + jdk), out);
            String[] snapshots = out.split("(?m)^(?=jspy top · )");
            String last = snapshots[snapshots.length - 1];
            assertTrue(share(line(last, "Buckets:"), "lock") >= 80, "the waiters are lock: " + last);
            assertTrue(last.contains("lock    "), "a row in the lock bucket: " + last);
            if (jdk == 25) {
                assertTrue(out.strip().endsWith("JVM " + app.pid() + " exited"), out);
            } else {
                assertTrue(app.process().isAlive(), "the target must survive");
                assertEquals("", app.printed(), "the target printed something");
            }
        }
    }

    /**
     * The target's threads named like the agent's, from a thread dump by the target's own jcmd
     * (the dump goes to jcmd, not to the target's output; /proc comm has no Java names on JDK 17).
     */
    private static long agentThreads(int jdk, long pid) throws Exception {
        Path jcmd = Jdks.java(jdk).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("jcmd failed: " + dump);
        }
        return dump.lines().filter(l -> l.startsWith("\"jspy-agent")).count();
    }

    private static String line(String screen, String prefix) {
        return screen.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in:\n" + screen));
    }

    private static double share(String bucketsLine, String bucket) {
        Matcher m = BUCKET_SHARE.matcher(bucketsLine);
        while (m.find()) {
            if (m.group(1).equals(bucket)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    /** The table rows: the lines after the table heading. */
    private static List<String> rows(String screen) {
        List<String> out = new ArrayList<>();
        boolean table = false;
        for (String l : screen.split("\n")) {
            if (table && !l.isBlank()) {
                out.add(l.stripTrailing());
            }
            table |= l.contains("%Own") && l.contains("Function") || l.contains("%Samples");
        }
        return out;
    }

    private static String firstRow(String screen) {
        List<String> rows = rows(screen);
        if (rows.isEmpty()) {
            throw new AssertionError("no rows on the screen:\n" + screen);
        }
        return rows.get(0);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** jspy top in a detached tmux session of its own, on a private tmux server. */
    static final class Tmux implements AutoCloseable {
        private static final AtomicInteger SESSIONS = new AtomicInteger();
        private final String socket;
        private final Path exit;
        private final Path err;
        final Path stty;

        private Tmux(String socket, Path dir) {
            this.socket = socket;
            this.exit = dir.resolve(socket + ".exit");
            this.err = dir.resolve(socket + ".err");
            this.stty = dir.resolve(socket + ".stty");
        }

        static Tmux start(Path dir, long pid) throws Exception {
            if (!Files.isExecutable(Path.of("/usr/bin/tmux"))) {
                throw new AssertionError("tmux is missing: apt-get install -y tmux");
            }
            Tmux t = new Tmux("jspy-top-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet(), dir);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String jar = System.getProperty("jspy.jar");
            // stderr to a file so a failure is readable after the pane is gone; after top, record
            // its exit code and the terminal modes it left behind.
            String command = "'" + java + "' -jar '" + jar + "' top -p " + pid + " 2> '" + t.err + "'; echo EXIT=$? > '"
                    + t.exit + "'; stty -a > '" + t.stty + "'";
            t.tmux("new-session", "-d", "-s", "top", "-x", "160", "-y", "40", command);
            return t;
        }

        void keys(String keys) throws Exception {
            tmux("send-keys", "-t", "top", keys);
        }

        String screen() throws Exception {
            return tmux("capture-pane", "-p", "-t", "top");
        }

        String await(String what, Predicate<String> ready) throws Exception {
            long deadline = System.currentTimeMillis() + 30_000;
            String screen = "";
            while (System.currentTimeMillis() < deadline) {
                if (Files.exists(exit)) {
                    throw new AssertionError("top ended while waiting for " + what + ": " + stderr());
                }
                screen = screen();
                if (ready.test(screen)) {
                    return screen;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no " + what + " on the screen within 30 s:\n" + screen + "\nstderr: " + stderr());
        }

        /** Waits until the session ended and returns the recorded "EXIT=n". */
        String awaitExit() throws Exception {
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                if (Files.exists(stty) && run("has-session", "-t", "top").waitFor() != 0) {
                    return Files.readString(exit).strip();
                }
                Thread.sleep(100);
            }
            throw new AssertionError("top did not exit: " + screen());
        }

        String stderr() throws IOException {
            return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        }

        private String tmux(String... args) throws Exception {
            Process p = run(args);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        }

        private Process run(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/tmux", "-L", socket));
            cmd.addAll(List.of(args));
            return new ProcessBuilder(cmd).redirectErrorStream(true).start();
        }

        @Override
        public void close() throws Exception {
            Process kill = run("kill-server");
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
