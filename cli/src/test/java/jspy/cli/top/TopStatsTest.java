package jspy.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Sample;
import org.junit.jupiter.api.Test;

/** The model without a terminal: cumulative snapshots in, windows, rows and shares out. */
class TopStatsTest {
    private static final double RATE = 100;

    /** Hand-written cumulative snapshots, one stack a line: {@code bucket stack count}. */
    static List<Sample> snapshot(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            Bucket bucket = Bucket.valueOf(parts[0].toUpperCase());
            String stack = line.strip().substring(parts[0].length() + 1, line.strip().lastIndexOf(' '));
            out.add(new Sample(Arrays.asList(stack.split(";")), bucket, Long.parseLong(parts[parts.length - 1])));
        }
        return out;
    }

    /** A window whose platform threads were each sampled throughout it. */
    static void update(TopStats stats, List<Sample> samples, double seconds) {
        long taken = 0;
        Set<String> threads = new HashSet<>();
        for (Sample s : samples) {
            if (s.thread() == null || !ThreadId.of(s.thread()).virtual()) {
                taken += s.count();
                threads.add(s.thread());
            }
        }
        stats.update(samples, seconds, new TopStats.Sampled(taken, threads.size() * seconds));
    }

    static FunctionRows.Row row(TopStats stats, String name) {
        return stats.rows().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + stats.rows()));
    }

    @Test
    void eachUpdateIsOneWindowAddedToTheTotals() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                cpu [w tid=1];a/Main.run;a/Parser.parse 10
                cpu [w tid=1];a/Main.run;a/Lexer.next 5
                """), 1.0);
        update(stats, snapshot("""
                cpu [w tid=1];a/Main.run;a/Parser.parse 20
                cpu [w tid=1];a/Main.run;a/Writer.write 10
                """), 1.0);
        assertEquals(30, stats.windowSamples());
        assertEquals(45, stats.samples());
        assertEquals(2, stats.windows());
        assertEquals(100.0 * 20 / 30, row(stats, "a.Parser.parse").ownPct(), 1e-9);
        assertEquals(0.0, row(stats, "a.Lexer.next").ownPct(), 1e-9, "no new samples in this window");
        assertEquals(0.05, row(stats, "a.Lexer.next").ownSeconds(), 1e-9, "but its time since the start stays");
        assertEquals(0.30, row(stats, "a.Parser.parse").ownSeconds(), 1e-9, "30 samples at 100 Hz");
        assertEquals(100.0, row(stats, "a.Main.run").totalPct(), 1e-9);
        assertEquals(0.0, row(stats, "a.Main.run").ownPct(), 1e-9);
    }

    @Test
    void collapsedTextFromTheAgentIsKeyedByStack() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, FoldedFile.parse("[w tid=1];com/acme/App.main;com/acme/Parser.parse_[j] 7\n"
                + "[w tid=1];com/acme/App.main;com/acme/Parser.parse 5\n", Set.of()), 1);
        assertEquals(12, stats.windowSamples());
        assertEquals(1, stats.rows().stream().filter(r -> r.name().equals("com.acme.Parser.parse")).count(),
                "annotated and plain frames are the same stack");
        assertEquals(Bucket.CPU, row(stats, "com.acme.Parser.parse").bucket());
    }

    @Test
    void ownIsTheTopmostJavaFrameAndTotalCountsOncePerStack() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                socket [r tid=1];a/Main.run;a/Rec.f;a/Rec.f;a/Net.read;java/net/SocketInputStream.socketRead0;__libc_recv 8
                jvm [GC Thread#0 tid=2];start_thread;GCTask::do_it 2
                """), 1.0);
        assertEquals(80.0, row(stats, "java.net.SocketInputStream.socketRead0").ownPct(), 1e-9,
                "a native leaf is charged to the Java method that called it");
        assertEquals(80.0, row(stats, "a.Rec.f").totalPct(), 1e-9, "recursion counts once per stack");
        assertEquals(20.0, row(stats, "GCTask::do_it").ownPct(), 1e-9, "a stack without Java owns its native leaf");
        assertTrue(stats.rows().stream().noneMatch(r -> r.name().equals("__libc_recv")));
        assertTrue(stats.rows().stream().noneMatch(r -> r.name().startsWith("[")), "thread frames are no functions");
    }

    @Test
    void sortingByWindowShareOrByAccumulatedTime() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("cpu [w tid=1];a/Old.work 100\ncpu [w tid=1];a/New.work 1"), 1.0);
        update(stats, snapshot("cpu [w tid=1];a/Old.work 1\ncpu [w tid=1];a/New.work 10"), 1.0);
        assertEquals("a.New.work", stats.rows().get(0).name(), "%Own: the current window");
        stats.sort(TopStats.Sort.OWN_TIME);
        assertEquals("a.Old.work", stats.rows().get(0).name(), "OwnTime: since the start");
        stats.sort(TopStats.Sort.TOTAL_TIME);
        assertEquals("a.Old.work", stats.rows().get(0).name());
        stats.sort(TopStats.Sort.TOTAL_PCT);
        assertEquals("a.New.work", stats.rows().get(0).name());
    }

    @Test
    void idleIsLeftOutUnlessShown() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                cpu [w tid=1];a/W.spin 25
                idle [s tid=2];a/S.run;java/lang/Thread.sleep 75
                """), 1.0);
        assertEquals(100.0, row(stats, "a.W.spin").ownPct(), 1e-9);
        assertFalse(stats.bucketShares().containsKey(Bucket.IDLE));
        assertTrue(stats.rows().stream().noneMatch(r -> r.name().equals("java.lang.Thread.sleep")));
        assertEquals(2, stats.threads());
        assertEquals(1, stats.activeThreads());
        stats.toggleIdle();
        assertEquals(25.0, row(stats, "a.W.spin").ownPct(), 1e-9);
        assertEquals(75.0, stats.bucketShares().get(Bucket.IDLE), 1e-9);
        assertEquals(Bucket.IDLE, row(stats, "java.lang.Thread.sleep").bucket());
    }

    @Test
    void theBucketFilterCyclesAndKeepsTheDenominator() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                cpu [w tid=1];a/W.spin 60
                socket [r tid=2];a/R.read;java/net/SocketInputStream.socketRead0 40
                """), 1.0);
        List<Bucket> seen = new ArrayList<>();
        do {
            stats.cycleFilter();
            seen.add(stats.filter());
        } while (stats.filter() != null);
        assertEquals(Arrays.asList(Bucket.CPU, Bucket.SOCKET, Bucket.POLL, Bucket.JDBC, Bucket.POOL, Bucket.LOCK,
                Bucket.IO, Bucket.AWAIT, Bucket.JVM, null), seen);
        stats.cycleFilter();
        stats.cycleFilter();
        assertEquals(Bucket.SOCKET, stats.filter());
        assertEquals(List.of("java.net.SocketInputStream.socketRead0", "a.R.read"),
                stats.rows().stream().map(FunctionRows.Row::name).toList());
        assertEquals(40.0, stats.rows().get(0).ownPct(), 1e-9, "a filtered row keeps its share of everything");
        stats.toggleIdle();
        for (int i = 0; i < 8; i++) {
            stats.cycleFilter();
        }
        assertEquals(Bucket.IDLE, stats.filter(), "idle joins the cycle when shown");
        stats.toggleIdle();
        assertNull(stats.filter(), "hiding idle drops an idle filter");
    }

    @Test
    void aFunctionsBucketIsWhereMostOfItsSamplesAre() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                cpu [w tid=1];a/Db.query;a/Db.encode 10
                jdbc [w tid=1];a/Db.query;a/Db.await 30
                """), 1.0);
        assertEquals(Bucket.JDBC, row(stats, "a.Db.query").bucket());
        assertEquals(Bucket.CPU, row(stats, "a.Db.encode").bucket());
    }

    @Test
    void threadViewShowsEachThreadsMix() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                cpu [busy tid=1];a/W.spin 90
                lock [busy tid=1];a/W.spin;a/W.sync 10
                lock [waiter tid=2];a/L.take 50
                idle [sleeper tid=3];java/lang/Thread.sleep 100
                """), 1.0);
        stats.toggleThreads();
        assertTrue(stats.threadView());
        List<ThreadRows.Row> rows = stats.threadRows();
        assertEquals(List.of("busy", "waiter"), rows.stream().map(ThreadRows.Row::name).toList());
        ThreadRows.Row busy = rows.get(0);
        assertEquals(Bucket.CPU, busy.bucket());
        assertEquals(100.0 * 100 / 150, busy.pct(), 1e-9);
        assertEquals(Map.of(Bucket.CPU, 90.0, Bucket.LOCK, 10.0), busy.shares());
        assertEquals(1.0, busy.seconds(), 1e-9);
        assertEquals(Bucket.LOCK, rows.get(1).bucket());
        stats.toggleIdle();
        assertEquals(3, stats.threadRows().size());
    }

    @Test
    void resetForgetsTheTotalsButNotTheWindow() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("cpu [w tid=1];a/W.spin 500\ncpu [w tid=1];[not_walkable_Java] 3"), 5.0);
        assertEquals(3, stats.errors());
        stats.reset();
        assertEquals(0, stats.samples());
        assertEquals(0, stats.errors());
        assertEquals(0.0, row(stats, "a.W.spin").ownSeconds(), 1e-9);
        assertTrue(row(stats, "a.W.spin").ownPct() > 99);
        update(stats, snapshot("cpu [w tid=1];a/W.spin 100"), 1.0);
        assertEquals(1.0, row(stats, "a.W.spin").ownSeconds(), 1e-9);
        assertEquals(100, stats.samples());
    }

    @Test
    void samplingFellBehindBelow90PercentOfThreadsTimesRate() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("cpu [a tid=1];a/W.spin 95\nidle [b tid=2];a/S.sleep 95"), 1.0);
        assertEquals(200, stats.expectedWindowSamples(), 1e-9);
        assertFalse(stats.behind(), "190 of 200");
        assertEquals(95, stats.achievedHz(), 1e-9);
        update(stats, snapshot("cpu [a tid=1];a/W.spin 85\nidle [b tid=2];a/S.sleep 85"), 1.0);
        assertTrue(stats.behind(), "170 of 200");
    }

    @Test
    void threadsThatShareANameAreEachARowAndGroupByNamePattern() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                socket [backend-conn tid=11];a/Db.read 40
                socket [backend-conn tid=12];a/Db.read 30
                socket [backend-conn tid=13];a/Db.read 20
                cpu [backend-conn tid=14];a/Db.encode 10
                cpu [pool-1-thread-1 tid=21];a/W.run 5
                cpu [pool-1-thread-12 tid=22];a/W.run 5
                """), 1.0);
        assertEquals(6, stats.threads(), "the header counts threads");
        List<ThreadRows.Row> rows = stats.threadRows();
        assertEquals(List.of("backend-conn 11", "backend-conn 12", "backend-conn 13", "backend-conn 14",
                "pool-1-thread-1 21", "pool-1-thread-12 22"), rows.stream().map(r -> r.name() + " " + r.id()).toList(),
                "one row per thread, as many as the header counts");
        assertEquals(40.0 / 110 * 100, rows.get(0).pct(), 1e-9);
        stats.toggleGrouped();
        rows = stats.threadRows();
        assertEquals(List.of("backend-conn 4", "pool-*-thread-* 2"), rows.stream().map(r -> r.name() + " " + r.id())
                .toList(), "grouped: digits as *, and how many threads");
        assertEquals(100.0 * 100 / 110, rows.get(0).pct(), 1e-9);
        assertEquals(Bucket.SOCKET, rows.get(0).bucket());
        assertEquals(Map.of(Bucket.SOCKET, 90.0, Bucket.CPU, 10.0), rows.get(0).shares());
    }

    @Test
    void virtualThreadsAreRowsOfTheirOwnAndOneGroup() {
        TopStats stats = new TopStats(RATE, true);
        update(stats, snapshot("""
                cpu [main tid=1];a/Main.run 100
                idle [virtual tid=31 virtual];java/lang/VirtualThread.park 100
                idle [virtual tid=32 virtual];java/lang/VirtualThread.park 100
                idle [vt-sleeper-7 tid=33 virtual];java/lang/VirtualThread.park 100
                """), 1.0);
        assertEquals(4, stats.threads());
        assertEquals(3, stats.virtualThreads());
        assertEquals(List.of("main 1", "virtual #31", "virtual #32", "vt-sleeper-7 #33"),
                stats.threadRows().stream().map(r -> r.name() + " " + r.id()).toList());
        stats.toggleGrouped();
        assertEquals(List.of("(virtual threads) 3", "main 1"),
                stats.threadRows().stream().map(r -> r.name() + " " + r.id()).toList());
    }

    @Test
    void theRateLeavesVirtualThreadsOut() {
        TopStats stats = new TopStats(RATE, false);
        // 2 platform threads at 50 Hz for 1 s, and 500 unnamed virtual threads from a dump, each
        // weighing the full rate: counted in, they took the rate to 2820 Hz per thread when they
        // were one thread by name, and would hide that sampling fell behind when counted apart.
        StringBuilder text = new StringBuilder("cpu [a tid=1];a/W.spin 50\ncpu [b tid=2];a/W.spin 50\n");
        for (int i = 0; i < 500; i++) {
            text.append("idle [virtual tid=").append(100 + i).append(" virtual];java/lang/VirtualThread.park 100\n");
        }
        update(stats, snapshot(text.toString()), 1.0);
        assertEquals(50, stats.achievedHz(), 1e-9, "per platform thread");
        assertTrue(stats.behind(), "50 of 100 Hz");
        assertEquals(502, stats.threads());
        stats.update(snapshot(text.toString()), 1.0, new TopStats.Sampled(190, 2.0));
        assertEquals(95, stats.achievedHz(), 1e-9, "what the stream says the sampler took");
        assertFalse(stats.behind());
    }

    @Test
    void functionsUnderATenthOfAPercentAreHiddenAndCounted() {
        TopStats stats = new TopStats(RATE, false);
        update(stats, snapshot("""
                cpu [w tid=1];a/Main.run;a/W.spin 9990
                jvm [C1 CompilerThread0 tid=2];Compilation::compile 9
                jvm [VM Thread tid=3];SafepointSynchronize::begin 1
                """), 1.0);
        assertEquals(List.of("a.W.spin", "a.Main.run"), stats.rows().stream().map(FunctionRows.Row::name).toList(),
                "0.09% and 0.01% are left out");
        assertEquals(2, stats.functions().hidden());
        stats.toggleSmall();
        assertEquals(4, stats.rows().size());
        assertEquals(0, stats.functions().hidden());
        stats.toggleSmall();
        update(stats, snapshot("cpu [w tid=1];a/W.spin 100"), 1.0);
        assertEquals(List.of("a.W.spin", "a.Main.run"), stats.rows().stream().map(FunctionRows.Row::name).toList(),
                "Main.run, at 0% of this window, keeps its row: 99% of the time since the start");
    }
}
