package jspy.cli.sample;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jspy.cli.attach.AgentDir;

/**
 * Follows one agent's recordings: reads the complete windows of rec-N, and once rec-N+1 exists
 * (the agent restarted the profiler into a new file) reads the rest of rec-N, acknowledges it so
 * the agent deletes it, and moves on.
 */
final class Recordings {
    private final long pid;
    private final AgentDir dir;
    private final Map<String, String> interned;
    private final VirtualDumps virtual;
    private final Carriers carriers;
    private int current = 1;
    private JfrChunks chunks;
    private long skipped;

    Recordings(long pid, AgentDir dir, Map<String, String> interned, long intervalNanos) {
        this.pid = pid;
        this.dir = dir;
        this.interned = interned;
        this.carriers = new Carriers(interned);
        this.chunks = new JfrChunks(pid, interned, carriers);
        this.virtual = new VirtualDumps(pid, dir.path(), 1e9 / intervalNanos, carriers);
    }

    /** Damaged chunks and missed virtual-thread dumps, for the summary. */
    long skipped() {
        return skipped + chunks.skipped() + virtual.skipped();
    }

    /** Every window completed since the last call, in time order; last: the stream is draining. */
    List<Window> read(boolean last) {
        // Dumps first: a carrier's samples are named after the newest dump's mounted virtual threads.
        List<Window> out = new ArrayList<>(virtual.read(last));
        while (true) {
            // Check for the next file first: once it exists, the current one is final.
            boolean next = Files.exists(dir.recording(current + 1), LinkOption.NOFOLLOW_LINKS);
            // The agent writes a dump just before it closes a window: list the dumps again
            // (their listing is throttled) so that the chunk's carrier samples meet that dump.
            out.addAll(chunks.read(dir.recording(current), () -> out.addAll(virtual.read(true))));
            if (!next) {
                return out;
            }
            dir.acknowledge(current);
            skipped += chunks.skipped();
            current++;
            chunks = new JfrChunks(pid, interned, carriers);
        }
    }
}
