package jspy.cli.it;

import static jspy.cli.it.TopScreens.count;
import static jspy.cli.it.TopScreens.line;
import static jspy.cli.it.TopScreens.rows;
import static jspy.cli.it.TopScreens.share;
import static jspy.cli.it.TopScreens.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jspy top} as issue 23 saw it on real services: an 80-column terminal, threads that share
 * a name, a long tail of JVM frames at 0.0%, virtual threads, and the PID given alone.
 */
class TopServiceIT {
    private static final Pattern RATE = Pattern.compile("window: \\d+ in [0-9.]+ s, ([0-9.]+) Hz per (platform thread|thread)");
    private static final Pattern VIRTUAL = Pattern.compile("Threads: (\\d+) \\((\\d+) virtual\\)");
    private static final List<String> BUCKETS = List.of("cpu", "socket", "poll", "jdbc", "pool", "lock", "io", "await", "jvm");

    @TempDir
    Path dir;

    /**
     * {@code jspy top PID} in 80 columns: every bucket on the Buckets lines (await and jvm were cut
     * off), four threads named {@code backend-conn} as four rows (they were one) and as one group
     * of four after g, and the functions under 0.1% hidden and counted until a shows them.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void eightyColumnsThePidAloneAndThreadsThatShareAName(int jdk) throws Exception {
        try (NamedThreads app = NamedThreads.start(jdk, dir); Tmux tmux = Tmux.top(dir, 80, 24, Long.toString(app.pid()))) {
            String screen = tmux.await("rows under 0.1% hidden", s -> s.contains("TopNames.spin") && hidden(s) > 0);
            String buckets = buckets(screen);
            for (String bucket : BUCKETS) {
                assertTrue(share(buckets, bucket) >= 0, bucket + " missing from the Buckets lines:\n" + screen);
            }
            assertTrue(share(buckets, "lock") > 0 && share(buckets, "cpu") > 0, screen);
            int shownBefore = Integer.parseInt(status(screen, 2));
            tmux.keys("a");
            screen = tmux.await("every row", s -> s.contains("under 0.1%: shown"));
            // Rows only come (times since the start stay), so all rows now are at least those shown plus those hidden.
            assertTrue(Integer.parseInt(status(screen, 2)) >= shownBefore + 1, "a shows the hidden rows:\n" + screen);
            tmux.keys("a");
            tmux.await("the small rows hidden again", s -> hidden(s) >= 0);

            tmux.keys("t");
            screen = tmux.await("four backend-conn rows", s -> s.contains("view: threads")
                    && rows(s).stream().filter(r -> r.contains(" backend-conn")).count() == NamedThreads.SAME_NAME);
            List<String> conns = rows(screen).stream().filter(r -> r.contains(" backend-conn")).toList();
            assertEquals(NamedThreads.SAME_NAME, conns.stream().map(r -> r.replaceAll(".* lock +(\\d+) +backend-conn .*", "$1"))
                    .filter(tid -> tid.matches("\\d+")).distinct().count(), "one row per tid, each in lock:\n" + screen);
            int threads = Integer.parseInt(line(screen, "Threads:").replaceAll("Threads: (\\d+) .*", "$1"));
            assertTrue(threads >= NamedThreads.SAME_NAME + 2, "the header counts them apart too:\n" + screen);
            tmux.keys("g");
            screen = tmux.await("the group", s -> s.contains("view: thread groups"));
            List<String> group = rows(screen).stream().filter(r -> r.contains(" backend-conn")).toList();
            assertEquals(1, group.size(), screen);
            assertTrue(group.get(0).matches(".* lock +4 +backend-conn +lock 100% *"), group.get(0));
            for (String l : screen.split("\n")) {
                assertTrue(l.length() <= 80, l);
            }
            long quit = tmux.quitMillis("q");
            assertTrue(quit < TopIT.QUIT_MS, "top must quit promptly, took " + quit + " ms");
            assertEquals("EXIT=0", tmux.awaitExit(), tmux.stderr());
            assertEquals("", tmux.stderr(), "top printed warnings or errors");
        }
    }

    /**
     * 300 unnamed virtual threads asleep (JDK 25): each a thread of the header's count, and the
     * rate the sampler's own, per platform thread. With the dumps' virtual threads counted in, and
     * taken for one thread by their shared name, a service's header said 2820 Hz per thread.
     */
    @Test
    void virtualThreadsAreCountedApartAndLeftOutOfTheRate() throws Exception {
        try (NamedThreads app = NamedThreads.virtual(25, dir)) {
            JspyRun jspy = JspyRun.start(dir, "top", Long.toString(app.pid()), "--delay", "0.5");
            long deadline = System.currentTimeMillis() + 30_000;
            while (!lastSnapshot(jspy.stdout()).contains("virtual)") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            jspy.signal("TERM");
            assertEquals(0, jspy.await(20), jspy.stderr());
            String last = lastSnapshot(jspy.stdout());
            Matcher virtual = VIRTUAL.matcher(last);
            assertTrue(virtual.find(), "no virtual threads in the header:\n" + last + jspy.stderr());
            assertEquals(NamedThreads.VIRTUAL, Integer.parseInt(virtual.group(2)), last);
            assertTrue(Integer.parseInt(virtual.group(1)) > NamedThreads.VIRTUAL, last);
            Matcher rate = RATE.matcher(last);
            assertTrue(rate.find(), last);
            assertEquals("platform thread", rate.group(2), "the header says whose rate it is:\n" + last);
            double hz = Double.parseDouble(rate.group(1));
            assertTrue(hz > 0 && hz <= 105, "at most the 100 Hz asked, per platform thread: " + hz + "\n" + last);
        }
    }

    /** "under 0.1%: N hidden" on the Sort line: N, or -1 when the line says something else. */
    private static int hidden(String screen) {
        Matcher m = Pattern.compile("under 0\\.1%: (\\d+) hidden").matcher(screen);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The Buckets line and the lines that go on under its first bucket. */
    private static String buckets(String screen) {
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String l : screen.split("\n")) {
            in = l.startsWith("Buckets:") || in && l.startsWith("         ");
            if (in) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    private static String lastSnapshot(String out) {
        String[] snapshots = out.split("(?m)^(?=jspy top · )");
        return count(out, "jspy top · ") == 0 ? "" : snapshots[snapshots.length - 1];
    }
}
