package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static jspy.cli.it.TopScreens.count;
import static jspy.cli.it.TopScreens.firstRow;
import static jspy.cli.it.TopScreens.line;
import static jspy.cli.it.TopScreens.rows;
import static jspy.cli.it.TopScreens.share;
import static jspy.cli.it.TopScreens.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jspy top} in a real terminal (tmux), driven by keys and read back from the screen, and
 * without a terminal (stdout to a file), on JDK 17 and 25 targets.
 */
class TopIT {
    /**
     * The issue asks for 0.5 s from the key to the exit; measured here 0.15-0.4 s at a load of
     * 18-28 on 2 cores. The bound leaves room for that load and still fails the old 0.5-3.5 s.
     */
    static final long QUIT_MS = 1500;

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

            tmux.keys("n"); // short names, as the SVG's "Short names" button
            tmux.await("short names", s -> firstRow(s).endsWith("cpu     CpuApp.spin"));
            tmux.keys("n");
            tmux.await("whole names again", s -> firstRow(s).endsWith("cpu     jspy.testapps.CpuApp.spin"));

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
            long quit = tmux.quitMillis(jdk == 17 ? "q" : "C-c"); // both quit: q as a key, Ctrl-C as SIGINT
            System.err.println("TopIT: JDK " + jdk + " target, " + (jdk == 17 ? "q" : "Ctrl-C") + " to exit: " + quit + " ms");
            assertTrue(quit < QUIT_MS, "top must quit promptly, took " + quit + " ms");
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
     * Keys as a user types them, read back from the screen: Down moves the highlight (it used to
     * fire B, the bucket filter), End/Home/PgDn scroll a table taller than the screen, Enter opens
     * the callers and Esc closes them, and the thread view shows a long name in full, or cut in
     * the middle once the window is narrow, and a control character as ^X.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void arrowKeysScrollingCallersAndThreadNames(int jdk) throws Exception {
        try (NamedThreads app = NamedThreads.start(jdk, dir); Tmux tmux = Tmux.start(dir, app.pid(), 160, 24)) {
            tmux.await("the spinning function", s -> s.contains("TopNames.spin") && s.contains("Row 1/"));
            tmux.keys("Down");
            String screen = tmux.await("the second row highlighted", s -> status(s, 1).equals("2"));
            assertTrue(line(screen, "Sort:").contains("filter: all"), "Down is no B:\n" + screen);

            tmux.keys("i"); // the idle JVM threads make the table taller than the screen
            screen = tmux.await("more rows than fit", s -> s.contains("idle: shown")
                    && Integer.parseInt(status(s, 2)) > rows(s).size());
            tmux.keys("End");
            screen = tmux.await("the last row", s -> status(s, 1).equals(status(s, 2)));
            screen = pageDown(tmux);
            assertEquals(rows(screen).size() + 1, Integer.parseInt(status(screen, 1)), "a page is a screenful:\n" + screen);
            tmux.keys("PPage");
            tmux.await("a page up", s -> status(s, 1).equals("1"));

            tmux.keys("i");
            tmux.keys("Home"); // Unsafe.park: four lock waiters (NamedThreads) against two spinners
            tmux.keys("Down");
            tmux.await("spin highlighted", s -> status(s, 3).startsWith("TopNames.spin ·"));
            tmux.keys("Enter");
            screen = tmux.await("the callers", s -> s.contains("Callers of TopNames.spin") && s.contains("Worker.run"));
            assertTrue(firstRow(screen).matches(" *100\\.0% .* cpu +TopNames\\$Worker\\.run"),
                    "both threads call spin from Worker.run:\n" + screen);
            tmux.keys("Escape");
            tmux.await("back to the functions", s -> s.contains("view: functions") && status(s, 3).startsWith("TopNames.spin"));

            tmux.keys("t");
            screen = tmux.await("the thread view", s -> s.contains("view: threads") && s.contains("ForkJoinPool-1-worker"));
            assertTrue(screen.contains("▼%Samples") && line(screen, "Sort:").startsWith("Sort: %Samples"), screen);
            assertTrue(screen.matches("(?s).* ForkJoinPool-1-worker-with-a-rather-long-name-3 +cpu 100%.*"), screen);
            assertTrue(screen.matches("(?s).* evil\\\\e\\[31mred\\\\u0007bell\\\\tname +cpu 100%.*"), "escaped, in line:\n" + screen);
            tmux.keys("3");
            screen = tmux.await("sorted by time", s -> s.contains("▼Time") && !s.contains("▼%Samples"));
            assertTrue(line(screen, "Sort:").startsWith("Sort: Time"), screen);
            tmux.resize(70, 24);
            tmux.await("a name cut in the middle", s -> s.contains(" ForkJoin…-name-3 cpu 100%"));

            long quit = tmux.quitMillis(jdk == 17 ? "C-c" : "q");
            System.err.println("TopIT: JDK " + jdk + " target, " + (jdk == 17 ? "Ctrl-C" : "q") + " to exit: " + quit + " ms");
            assertTrue(quit < QUIT_MS, "top must quit promptly, took " + quit + " ms");
            assertEquals("EXIT=0", tmux.awaitExit(), tmux.stderr());
            assertEquals("", tmux.stderr(), "top printed warnings or errors");
        }
    }

    /**
     * Home, then PgDn: the screen after it. The highlight follows its row by name, and with idle
     * JVM threads shown a refresh between the key and the screen can add a row above it (a
     * compiler frame seen for the first time: the row numbers moved by one in a full verify), so
     * a refresh that changed the table's length is tried again, up to three times.
     */
    private static String pageDown(Tmux tmux) throws Exception {
        for (int attempt = 1; ; attempt++) {
            tmux.keys("Home");
            String before = tmux.await("the first row", s -> status(s, 1).equals("1"));
            tmux.keys("NPage");
            String after = tmux.await("a page down", s -> !status(s, 1).equals("1"));
            if (status(after, 2).equals(status(before, 2)) || attempt == 3) {
                return after;
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
}
