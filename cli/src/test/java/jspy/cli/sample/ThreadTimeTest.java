package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jspy.cli.profile.ThreadState;
import org.junit.jupiter.api.Test;

/**
 * Thread-seconds of constructed windows shaped like async-profiler's (batches stamped with their
 * first visit, flushed at the dump): a thread counts only while it was alive in the window.
 */
class ThreadTimeTest {
    private static final long MS = 1_000_000;
    private static final long START = 1_000_000 * MS; // any epoch time
    private static final long END = START + 1000 * MS;

    @Test
    void aShortThreadCountsItsLifeNotTheWindow() {
        ThreadTime time = new ThreadTime(10 * MS);
        time.add(1, START + 5 * MS, 1); // window 1: a steady sleeper
        time.add(1, START + 15 * MS, 99);
        time.close(START - 1000 * MS, START);
        // window 2: the sleeper again, all window long; a thread born at 300 ms that lived 200 ms:
        // visited at 310, 320 (running), then asleep from 330 until it died just after 490
        time.add(1, START + 3 * MS, 100);
        time.add(2, START + 310 * MS, 1);
        time.add(2, START + 320 * MS, 1);
        time.add(2, START + 330 * MS, 17); // visits 330 ... 490
        assertEquals(2, time.threads());
        double seconds = time.close(START, END);
        // the sleeper: 1 s (seen in the last window); the short one: 300 (one cycle before its
        // first visit) to 495 (half a cycle after its last), 0.195 s
        assertEquals(1.195, seconds, 0.002);
        assertEquals(99.6, 119 / seconds, 0.5); // 119 samples: the rate asked, where whole-window counting said 59.5
    }

    @Test
    void aTimerThatFallsBehindIsNotHidden() {
        // The timer manages one visit every 12.5 ms, not 10: sleepers get 80 visits a second.
        ThreadTime time = new ThreadTime(10 * MS);
        for (int tid = 1; tid <= 10; tid++) {
            time.add(tid, START - 990 * MS, 80);
        }
        time.close(START - 1000 * MS, START);
        for (int tid = 1; tid <= 10; tid++) {
            time.add(tid, START + (tid % 3 + 1) * 4 * MS, 80); // first visits 4 to 12 ms in, last near the end
        }
        assertEquals(12.5 * MS, time.cycle(END), 0.2 * MS, "the cycle is measured, not the interval assumed");
        double seconds = time.close(START, END);
        // taking the interval for the cycle would end each thread at ~800 ms and claim 100 Hz
        assertEquals(10.0, seconds, 0.02, "every thread lived the whole window");
        assertEquals(80, 800 / seconds, 0.5, "80 Hz achieved, said as such");
    }

    @Test
    void aThreadSeenFirstInTheFirstWindowCountsFromAboutTheStart() {
        ThreadTime time = new ThreadTime(10 * MS);
        time.add(7, START + 6 * MS, 1); // the first visit after the profiler started
        time.add(7, START + 16 * MS, 98); // visits up to 986
        assertEquals(1.0, time.close(START, END), 0.001);
    }

    @Test
    void whatTheAccumulatorMakesOfIt() {
        List<StackSample> samples = List.of(
                new StackSample(1, ThreadState.SLEEPING, START, 100, List.of("[sleeper tid=1]", "Thread.sleep")),
                new StackSample(2, ThreadState.SLEEPING, START, 20, List.of("[short-1 tid=2]", "Thread.sleep")));
        // 2 threads seen in a 1 s window, one of them alive for 0.2 s of it
        Accumulator acc = new Accumulator(null, false);
        acc.add(new Window(42, START, END, 2, 1.2, samples, false));
        assertEquals(100, acc.achievedHz(), 1e-9, "120 samples in 1.2 thread-seconds; 2 whole seconds would say 60");
        assertEquals(1.0, acc.windowSeconds(), 1e-9);
        acc.add(new Window(42, 0, 0, 0, 0, List.of(), false)); // a damaged chunk: no times
        assertEquals(1.0, acc.windowSeconds(), 1e-9, "a damaged chunk does not stretch the span to 1970");
    }
}
