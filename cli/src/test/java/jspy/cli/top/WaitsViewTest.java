package jspy.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.TargetInfo;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.WaitTarget;
import jspy.cli.sample.StackSample;
import jspy.cli.sample.Window;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** top's Waits view (w): a row per target, its share, its threads and the lock owner's bucket. */
class WaitsViewTest {
    private static final List<String> READ = List.of("java/lang/Thread.run", "java/net/Socket$SocketInputStream.read",
            "sun/nio/ch/NioSocketImpl.read", "sun/nio/ch/SocketDispatcher.read0");
    private static final List<String> MONITOR = List.of("java/lang/Thread.run", "com/acme/Ledger.post",
            "ObjectMonitor::enter");
    private static final List<String> SPIN = List.of("java/lang/Thread.run", "com/acme/Ledger.sum");

    private static StackSample sample(String thread, int tid, List<String> stack, ThreadState state, long weight,
                                      WaitTarget target) {
        List<String> frames = new ArrayList<>();
        frames.add("[" + thread + " tid=" + tid + "]");
        frames.addAll(stack);
        return new StackSample(tid, state, 0, weight, frames, target);
    }

    private static TopStats stats() {
        WaitTarget pg = WaitTarget.peer("127.0.0.1:5432");
        WaitTarget ledger = WaitTarget.lock("com.acme.Ledger", "ledger-writer-3");
        List<StackSample> samples = List.of(
                sample("db-1", 11, READ, ThreadState.SLEEPING, 100, pg),
                sample("db-2", 12, READ, ThreadState.SLEEPING, 60, pg),
                sample("db-2", 12, READ, ThreadState.SLEEPING, 40, WaitTarget.peer("10.0.0.7:6379")),
                sample("reader-1", 21, MONITOR, ThreadState.SLEEPING, 100, ledger),
                sample("ledger-writer-3", 30, SPIN, ThreadState.RUNNING, 100, null));
        TopStats stats = new TopStats(100, false);
        stats.update(List.of(new Window(1, 0, 1_000_000_000L, 5, 5.0, samples, false)), Set.of(), 1.0,
                new TopStats.Sampled(400, 4));
        return stats;
    }

    @Test
    void aRowPerTargetWithItsThreadsAndTheOwnersBucket() {
        TopStats stats = stats();
        TopKeys.apply(TopKeys.Action.WAITS, stats);
        List<WaitTally.Row> rows = stats.waitRows();
        assertEquals(List.of("socket 127.0.0.1:5432", "lock Ledger held by ledger-writer-3", "socket 10.0.0.7:6379"),
                rows.stream().map(WaitTally.Row::key).toList());
        assertEquals(40.0, rows.get(0).pct(), 1e-9); // 160 of 400 samples
        assertEquals(2, rows.get(0).threads());
        assertEquals(Bucket.CPU, rows.get(1).ownerBucket()); // the owner spins while it holds the lock
        String screen = new TopRenderer(new TargetInfo(1, "App", "17"), 1, true).lines(stats, 120, 30, false).stream()
                .map(AttributedString::toString).collect(Collectors.joining("\n"));
        assertTrue(screen.contains("view: waits"), screen);
        assertTrue(screen.matches("(?s).*\n +40\\.0% +2  socket +127\\.0\\.0\\.1:5432 *\n.*"), screen);
        assertTrue(screen.matches("(?s).*\n +25\\.0% +1  lock +cpu +Ledger held by ledger-writer-3 *\n.*"), screen);
    }

    @Test
    void wAgainOrTLeavesTheView() {
        TopStats stats = stats();
        TopKeys.apply(TopKeys.Action.WAITS, stats);
        TopKeys.apply(TopKeys.Action.WAITS, stats);
        assertTrue(!stats.waitsView() && !stats.threadView());
        TopKeys.apply(TopKeys.Action.WAITS, stats);
        TopKeys.apply(TopKeys.Action.THREADS, stats);
        assertTrue(!stats.waitsView() && stats.threadView());
        assertTrue(String.join("\n", TopKeys.HELP).contains("w  switch to the Waits view"));
    }
}
