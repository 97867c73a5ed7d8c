package jspy.cli.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jspy.agent.Protocol;
import jspy.cli.profile.ThreadState;
import one.jfr.JfrReader;
import one.jfr.event.ExecutionSample;

/**
 * Reads the complete chunks of one growing JFR recording, each as a {@link Window}. A chunk is
 * complete once async-profiler has patched its header: a constant-pool offset and a size that fits
 * (an open chunk says 1 GiB and offset 0). Only those bytes reach jfr-converter's reader.
 */
final class JfrChunks implements AutoCloseable {
    private static final int MAGIC = 0x464c5200; // "FLR\0"
    private static final int HEADER = 68;
    /** The agent starts a new file every 16 MB: a chunk header claiming far more is damaged. */
    private static final long MAX_CHUNK = 16 * Protocol.ROTATE_BYTES;
    private static final String OURS = "[" + Protocol.THREAD_PREFIX;
    private static final String PROFILER_TIMER = "[Async-profiler ";

    private final long pid;
    private final Map<String, String> interned;
    private final Carriers carriers;
    private final Map<Long, Long> javaIds;
    private final ThreadTime threadTime;
    private final boolean lines;
    private final ByteBuffer header = ByteBuffer.allocate(24);
    private FileChannel channel;
    private long offset;
    private long skipped;

    /**
     * threadTime: the JVM's, shared by its recordings: a thread of the last window counts from the
     * start of the next. lines: Java frames named with their line (--lines). javaIds: filled with
     * each sampled OS thread's Java thread id, for the lock snapshots.
     */
    JfrChunks(long pid, Map<String, String> interned, Carriers carriers, ThreadTime threadTime, boolean lines,
              Map<Long, Long> javaIds) {
        this.pid = pid;
        this.interned = interned;
        this.carriers = carriers;
        this.threadTime = threadTime;
        this.lines = lines;
        this.javaIds = javaIds;
    }

    /** Events that could not be read (a damaged chunk), counted for the summary. */
    long skipped() {
        return skipped;
    }

    /** The windows completed since the last call; empty when none (or the file is not there yet). */
    List<Window> read(Path file) {
        return read(file, () -> { });
    }

    /**
     * beforeFirst: run once before the first complete chunk is parsed, if there is one. The file
     * stays open between calls: a poll is then an fstat and a 24-byte read, where opening it by
     * path each time (20 times a second) was a tenth of record's steady CPU (JDK 17, 1,000 threads).
     */
    List<Window> read(Path file, Runnable beforeFirst) {
        List<Window> out = new ArrayList<>();
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
            long size = channel.size();
            while (offset + HEADER <= size) {
                header.clear();
                channel.read(header, offset);
                long chunkSize = header.getLong(8);
                long cpool = header.getLong(16);
                if (header.getInt(0) != MAGIC || cpool == 0 || chunkSize < HEADER || offset + chunkSize > size) {
                    break;
                }
                if (out.isEmpty()) {
                    beforeFirst.run();
                }
                out.add(chunkSize > MAX_CHUNK ? damaged() : window(bytes(offset, chunkSize), offset == 0));
                offset += chunkSize;
            }
        } catch (IOException e) {
            // not created yet, or gone with the target: the stream's liveness check decides
        }
        return out;
    }

    /**
     * The chunk's bytes, copied rather than mapped: a mapped file that shrinks under the reader
     * (the target's user owns it) faults with an InternalError that no handler here would take. A
     * short read leaves a short buffer, which the JFR reader rejects as damaged.
     */
    private ByteBuffer bytes(long from, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && channel.read(b, from + b.position()) > 0) {
            // read until full or the end of the file
        }
        return b.flip();
    }

    private Window damaged() {
        skipped++;
        return new Window(pid, 0, 0, 0, 0, List.of(), false);
    }

    /** Lets go of the file: the recording was read to its end, or the stream ended. */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only descriptor: nothing was left to write
            }
            channel = null;
        }
    }

    /**
     * first: the recording's first chunk, which starts before the profiler samples (on a loaded
     * machine up to a second earlier, measured on JDK 25): its window starts at its first sample,
     * or the achieved rate would read low.
     */
    private Window window(ByteBuffer chunk, boolean first) {
        List<StackSample> samples = new ArrayList<>();
        long start = 0;
        long end = 0;
        long earliest = Long.MAX_VALUE;
        try {
            JfrReader jfr = new JfrReader(chunk);
            start = jfr.chunkStartNanos;
            end = jfr.chunkEndNanos;
            FrameNames names = new FrameNames(jfr, interned, lines);
            Map<Integer, ThreadState> states = states(jfr);
            for (ExecutionSample e; (e = jfr.readEvent(ExecutionSample.class)) != null; ) {
                String thread = names.threadFrame(e.tid);
                if (thread.startsWith(OURS) || thread.startsWith(PROFILER_TIMER)) {
                    continue; // ours, and async-profiler's own timer
                }
                Long javaId = jfr.javaThreads.get(e.tid);
                if (javaId != null) {
                    javaIds.put((long) e.tid, javaId);
                }
                long nanos = jfr.eventTimeToNanos(e.time);
                threadTime.add(e.tid, nanos, e.samples);
                earliest = Math.min(earliest, nanos);
                samples.add(carriers.attribute(new StackSample(e.tid, states.getOrDefault(e.threadState,
                        ThreadState.UNKNOWN), nanos, e.samples, FrameNames.withRoot(thread, names.stack(e.stackTraceId))),
                        jfr.javaThreads.get(e.tid)));
            }
            if (first && earliest < end) {
                start = Math.max(start, earliest);
            }
        } catch (IOException | RuntimeException e) {
            skipped++; // a damaged chunk: what was read so far stays
        }
        int threads = threadTime.threads();
        return new Window(pid, start, end, threads, threadTime.close(start, end), samples, false);
    }

    private static Map<Integer, ThreadState> states(JfrReader jfr) {
        Map<Integer, ThreadState> out = new HashMap<>();
        Map<Integer, String> names = jfr.enums.getOrDefault("jdk.types.ThreadState", Map.of());
        names.forEach((key, name) -> out.put(key, name.equals("STATE_RUNNABLE") ? ThreadState.RUNNING
                : name.equals("STATE_SLEEPING") ? ThreadState.SLEEPING : ThreadState.UNKNOWN));
        return out;
    }
}
