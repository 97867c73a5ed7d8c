package jspy.cli.sample;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.attach.AgentDir;

/**
 * Follows one agent's recordings: reads the complete windows of rec-N, and once rec-N+1 exists
 * (the agent restarted the profiler into a new file) reads the rest of rec-N, acknowledges it so
 * the agent deletes it, and moves on.
 */
final class Recordings implements AutoCloseable {
    /**
     * How often to look in the directory for the next recording (the agent starts one a minute, or
     * every 16 MB) and for done. Files.exists on a missing file throws inside the JDK (JDK 17): at
     * every 50 ms poll that was a sixth of record's steady CPU (1,000 threads, 2026-12-01).
     */
    private static final long LOOK_NANOS = 250_000_000L;

    private final long pid;
    private final AgentDir dir;
    private final Map<String, String> interned;
    private final VirtualDumps virtual;
    private final Carriers carriers;
    private final Map<Long, Long> javaIds = new HashMap<>();
    private final WaitTargets waits;
    /** Windows read but not yet given out: they wait for the agent's first word on new lock waiters. */
    private final Deque<Window> pending = new ArrayDeque<>();
    private final ThreadTime threadTime;
    private final boolean lines;
    private int current = 1;
    private JfrChunks chunks;
    private long skipped;
    private long nextLook = System.nanoTime();
    private boolean ended;

    /** lines: Java frames named with their line (--lines). */
    Recordings(long pid, AgentDir dir, Map<String, String> interned, long intervalNanos, boolean lines) {
        this.pid = pid;
        this.lines = lines;
        this.dir = dir;
        this.interned = interned;
        this.carriers = new Carriers(interned);
        this.threadTime = new ThreadTime(intervalNanos);
        this.chunks = new JfrChunks(pid, interned, carriers, threadTime, lines, javaIds);
        this.virtual = new VirtualDumps(pid, dir.path(), 1e9 / intervalNanos, carriers);
        this.waits = new WaitTargets(pid, dir, javaIds, intervalNanos);
    }

    /** Why no socket wait could be named, for the summary; or null. */
    String peersUnavailable() {
        return waits.peersUnavailable();
    }

    /** Damaged chunks and missed virtual-thread dumps, for the summary. */
    long skipped() {
        return skipped + chunks.skipped() + virtual.skipped();
    }

    /**
     * Every window completed since the last call, in time order, each wait sample with its target;
     * last: the stream is draining.
     */
    List<Window> read(boolean last) {
        for (Window w : readChunks(last)) {
            if (!w.virtual()) {
                waits.watch(w);
            }
            pending.add(w);
        }
        waits.poll();
        List<Window> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            Window w = pending.peek();
            Window named = waits.annotate(w, last || ended);
            if (named == null) {
                break;
            }
            out.add(named);
            pending.poll();
        }
        return out;
    }

    private List<Window> readChunks(boolean last) {
        if (ended) {
            return List.of();
        }
        long now = System.nanoTime();
        boolean look = last || now - nextLook >= 0;
        if (look) {
            nextLook = now + LOOK_NANOS;
        }
        // The agent says done only after its final chunk is written: seen before this read, this
        // read is its last, and a launched command's exited JVMs are not polled (or held open) again.
        boolean done = look && dir.done();
        // Dumps first: a carrier's samples are named after the newest dump's mounted virtual threads.
        List<Window> out = new ArrayList<>(virtual.read(last || done));
        while (true) {
            // Check for the next file first: once it exists, the current one is final.
            boolean next = look && Files.exists(dir.recording(current + 1), LinkOption.NOFOLLOW_LINKS);
            // The agent writes a dump just before it closes a window: list the dumps again
            // (their listing is throttled) so that the chunk's carrier samples meet that dump.
            out.addAll(chunks.read(dir.recording(current), () -> out.addAll(virtual.read(true))));
            if (!next) {
                if (done) {
                    ended = true;
                    chunks.close();
                }
                return out;
            }
            chunks.close();
            dir.acknowledge(current);
            skipped += chunks.skipped();
            current++;
            chunks = new JfrChunks(pid, interned, carriers, threadTime, lines, javaIds);
        }
    }

    @Override
    public void close() {
        chunks.close();
        waits.close();
    }
}
