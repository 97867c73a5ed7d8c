package jspy.cli.sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import jspy.cli.base.StopSignal;

/**
 * The one stream of sample windows that record, launch mode and top loop over. It owns the
 * heartbeat (its own thread: terminal calls on top's thread once took seconds on a loaded machine,
 * long enough for the agent to think jspy had died), liveness, and why it stopped. After the stop
 * it drains the agents' last windows, then ends.
 */
public final class SampleStream implements Iterator<Window>, AutoCloseable {
    /**
     * Windows come every second or so: 100 ms adds little latency. At 50 ms, looking for them was
     * a third of record's steady CPU on a JVM with 1,000 threads (JDK 17, 2026-12-01).
     */
    private static final long POLL_MS = 100;
    /**
     * Whether the target and its agent still run is asked less often than windows are looked for:
     * each check reads /proc and the agent's directory through descriptors walked from /, and at
     * every poll that was a third of record's CPU on a JVM with 1,000 threads (async-profiler on
     * the CLI, JDK 17, 2026-11-30). An exit is seen up to 250 ms later.
     */
    private static final long LIVENESS_NANOS = 250_000_000L;

    private final Source source;
    private final boolean signals;
    private final long deadlineNanos;
    private final Deque<Window> ready = new ArrayDeque<>();
    private final Thread heartbeat;
    private volatile StopReason reason;
    private boolean drained;
    private long nextLivenessCheck;

    SampleStream(Source source, Double durationSeconds, boolean signals) {
        this.source = source;
        this.signals = signals;
        this.deadlineNanos = deadline(System.nanoTime(), durationSeconds);
        this.nextLivenessCheck = System.nanoTime();
        this.heartbeat = new Thread(this::beat, "jspy-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /** The windows of one attached JVM, until duration, signal, JVM exit or stop(). */
    public static SampleStream attached(jspy.cli.attach.AgentSession session, Double durationSeconds) {
        return attached(session, durationSeconds, false);
    }

    /** The same; lines: Java frames named with their line number (--lines). */
    public static SampleStream attached(jspy.cli.attach.AgentSession session, Double durationSeconds, boolean lines) {
        return new SampleStream(new AttachedSource(session, lines), durationSeconds, true);
    }

    /**
     * The windows of one JVM that serve samples, until stop(): serve's main loop says a signal
     * arrived and then stops every target, so that its log reads in that order.
     */
    public static SampleStream served(jspy.cli.attach.AgentSession session) {
        return new SampleStream(new AttachedSource(session, false), null, false);
    }

    /** The windows of every JVM a launched command starts, until it ends, duration or signal. */
    public static SampleStream launched(jspy.cli.attach.LaunchSession session, Process process, Double durationSeconds,
                                        boolean lines) {
        return new SampleStream(new LaunchedSource(session, process, lines), durationSeconds, true);
    }

    /** A deadline that cannot overflow: -d 1e300 or Infinity means no limit. */
    static long deadline(long start, Double seconds) {
        if (seconds == null || seconds.isInfinite() || seconds * 1e9 >= Long.MAX_VALUE - start) {
            return Long.MAX_VALUE;
        }
        return start + (long) (seconds * 1e9);
    }

    /** Ends the stream early (top's q); the last windows still arrive. */
    public void stop(StopReason why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** Damaged chunks and virtual-thread dumps missed so far, over every agent: said, never silent. */
    public long skipped() {
        long n = 0;
        for (Recordings r : source.agents()) {
            n += r.skipped();
        }
        return n;
    }

    /** Why socket waits could name no peer, once per reason, over every agent: for the summary line. */
    public List<String> waitNotes() {
        Set<String> notes = new LinkedHashSet<>();
        for (Recordings r : source.agents()) {
            String note = r.peersUnavailable();
            if (note != null) {
                notes.add(note);
            }
        }
        return List.copyOf(notes);
    }

    /** Why it stopped, or null while it runs. */
    public StopReason stopReason() {
        return reason;
    }

    /** The next window, waiting at most timeoutMillis; null on time-out or at the end. */
    public Window poll(long timeoutMillis) {
        long until = System.nanoTime() + timeoutMillis * 1_000_000;
        while (ready.isEmpty() && !drained) {
            if (reason == null) {
                reason = check();
            }
            if (reason != null) {
                source.finish(reason);
                drained = true;
            }
            readAll(drained);
            if (!ready.isEmpty() || drained || System.nanoTime() >= until) {
                break;
            }
            sleep(POLL_MS);
        }
        return ready.poll();
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !drained) {
            Window w = poll(100);
            if (w != null) {
                ready.addFirst(w);
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public Window next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private StopReason check() {
        StopReason signal = signals ? StopReason.ofSignal(StopSignal.received()) : null;
        if (signal != null) {
            return signal;
        }
        long now = System.nanoTime();
        if (now >= deadlineNanos) {
            return StopReason.DURATION;
        }
        if (now - nextLivenessCheck < 0) {
            return null;
        }
        nextLivenessCheck = now + LIVENESS_NANOS;
        return source.ended();
    }

    private void readAll(boolean last) {
        List<Window> windows = new ArrayList<>();
        for (Recordings r : source.agents()) {
            windows.addAll(r.read(last));
        }
        windows.sort(Comparator.comparingLong(Window::endNanos));
        ready.addAll(windows);
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            source.heartbeat();
            if (!sleep(100)) {
                return;
            }
        }
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the heartbeat; the caller then closes the session (which deletes its directory). */
    @Override
    public void close() {
        for (Recordings r : source.agents()) {
            r.close();
        }
        heartbeat.interrupt();
        try {
            heartbeat.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
