package jspy.cli.top;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Maps keys to what they do in {@code jspy top}; the only place that knows the key bindings. */
public final class TopKeys {
    /** NONE: no key came; OTHER: a key without a binding (it still closes the help). */
    public enum Action { NONE, OTHER, SORT_OWN_PCT, SORT_TOTAL_PCT, SORT_OWN_TIME, SORT_TOTAL_TIME, FILTER, IDLE, THREADS,
        RESET, HELP, QUIT, END_OF_INPUT }

    /** Lines for the help overlay, in the order the keys are listed. */
    public static final String[] HELP = {
        "1  sort by %Own (share of the window where the function is the leaf)",
        "2  sort by %Total (share of the window where it is anywhere on the stack)",
        "3  sort by OwnTime (seconds as leaf since start or reset)",
        "4  sort by TotalTime (seconds anywhere on the stack since start or reset)",
        "b  cycle the bucket filter: all, cpu, socket, poll, jdbc, lock, io, jvm (idle)",
        "i  show or hide idle samples (sleeping, parked, waiting)",
        "t  switch between functions and threads",
        "r  reset the accumulated times and counts",
        "?  show or hide this help",
        "q  quit (also Ctrl-C)",
    };

    private static final int CTRL_C = 3;
    private static final int CTRL_D = 4;

    private TopKeys() {
    }

    public static Action map(int key) {
        return switch (key) {
            case '1' -> Action.SORT_OWN_PCT;
            case '2' -> Action.SORT_TOTAL_PCT;
            case '3' -> Action.SORT_OWN_TIME;
            case '4' -> Action.SORT_TOTAL_TIME;
            case 'b', 'B' -> Action.FILTER;
            case 'i', 'I' -> Action.IDLE;
            case 't', 'T' -> Action.THREADS;
            case 'r', 'R' -> Action.RESET;
            case '?', 'h', 'H' -> Action.HELP;
            case 'q', 'Q', CTRL_C, CTRL_D -> Action.QUIT;
            default -> Action.OTHER;
        };
    }

    /**
     * Reads keys on a daemon thread with plain blocking reads of the raw terminal (see
     * TopScreen.keys()); the main loop polls the queue, so it never blocks on input and never
     * misses a refresh. The thread dies with the JVM.
     */
    public static BlockingQueue<Action> start(InputStream in) {
        BlockingQueue<Action> keys = new LinkedBlockingQueue<>();
        Thread thread = new Thread(() -> {
            try {
                int c;
                while ((c = in.read()) >= 0) {
                    keys.add(map(c));
                }
            } catch (IOException e) {
                // the terminal closed: same as end of input
            }
            keys.add(Action.END_OF_INPUT);
        }, "jspy-top-keys");
        thread.setDaemon(true);
        thread.start();
        return keys;
    }

    /** Waits up to {@code timeoutMillis} for one key. */
    public static Action next(BlockingQueue<Action> keys, long timeoutMillis) {
        try {
            Action a = keys.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            return a == null ? Action.NONE : a;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Action.QUIT;
        }
    }

    /** Applies a key to the model; returns false for keys the model does not handle (help, quit). */
    public static boolean apply(Action action, TopStats stats) {
        switch (action) {
            case SORT_OWN_PCT -> stats.sort(TopStats.Sort.OWN_PCT);
            case SORT_TOTAL_PCT -> stats.sort(TopStats.Sort.TOTAL_PCT);
            case SORT_OWN_TIME -> stats.sort(TopStats.Sort.OWN_TIME);
            case SORT_TOTAL_TIME -> stats.sort(TopStats.Sort.TOTAL_TIME);
            case FILTER -> stats.cycleFilter();
            case IDLE -> stats.toggleIdle();
            case THREADS -> stats.toggleThreads();
            case RESET -> stats.reset();
            default -> {
                return false;
            }
        }
        return true;
    }
}
