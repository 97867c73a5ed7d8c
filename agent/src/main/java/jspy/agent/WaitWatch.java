package jspy.agent;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What the threads the CLI names wait on, for jspy's wait targets. The CLI classifies each window's
 * samples and writes {@value Protocol#WATCH}: the Java ids of threads it saw waiting for a lock
 * ({@code L id}), and, when the kernel refuses it the threads' system calls (no ptrace rights), the
 * OS ids of threads it saw waiting on a socket ({@code S tid}). Each loop we answer in
 * {@value Protocol#WAITS} while that list is not empty:
 * <ul>
 * <li>a lock: its class, and the thread that holds it with that thread's state, from
 * {@code ThreadMXBean.getThreadInfo(ids, 0)}. With no stack asked for it takes no safepoint (no
 * "Safepoint" in -Xlog:safepoint over 20,000 calls, JDK 17 and 25) and costs ~25 µs for 3 threads;
 * async-profiler cannot say the owner (it writes previousOwner = 0).</li>
 * <li>a socket: the thread's {@code /proc/self/task/TID/syscall} line, which a process may always
 * read of itself, and the 4 bytes at its first argument in {@code /proc/self/mem} (the descriptor
 * of a {@code poll}'s pollfd; for other calls the read fails or means nothing, and the CLI, which
 * knows the system call table, decides). A stale address makes the read fail, never fault.</li>
 * </ul>
 * Threads not named cost nothing: the many idle threads of a large service are never looked at.
 */
final class WaitWatch {
    private final Channel channel;
    private final File watchFile;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long watchModified = -1;
    private long[] lockIds = new long[0];
    private long[] socketTids = new long[0];
    /**
     * Threads looked at per loop and kind, in turn: a syscall file read costs 13-27 us and
     * getThreadInfo is a handshake per thread on JDK 21+, so 1,000 waiters each loop would cost the
     * target 10-30% of a core; 16 keep it under 0.5% whatever the count (each thread is then looked
     * at every count/16 loops, still at random moments).
     */
    private static final int PER_LOOP = 16;
    private int nextLock;
    private int nextSocket;
    private static final long KEEP_MILLIS = 1000;
    private static final int KEEP_ANSWERS = 20;
    private final ArrayDeque<String> recent = new ArrayDeque<String>();
    private final ArrayDeque<Long> recentTimes = new ArrayDeque<Long>();

    WaitWatch(Channel channel) {
        this.channel = channel;
        this.watchFile = channel.file(Protocol.WATCH);
    }

    /** Whether threads are watched: the loop then wakes at random times (see Session). */
    boolean watching() {
        return lockIds.length > 0 || socketTids.length > 0;
    }

    /** Reads the watch list when it changed and answers it; a cheap stat when nothing is watched. */
    void poll() {
        // Its own clock, not the loop's: on JDK 21+ the virtual-thread dump just before can take
        // tens of ms, and a snapshot stamped before it would be matched to the wrong samples.
        long now = System.currentTimeMillis();
        long modified = watchFile.lastModified();
        if (modified != watchModified) {
            watchModified = modified;
            readWatchList();
        }
        if (lockIds.length == 0 && socketTids.length == 0) {
            recent.clear();
            recentTimes.clear();
            return;
        }
        // Sockets first, each kind stamped when its reads start: on JDK 21+ getThreadInfo is a
        // handshake with each thread, tens of ms at load 40 (2 cores), and system calls read
        // after it but stamped before matched a thread alternating two peers to the wrong
        // samples (56% on A against a truth of 74%, JDK 25).
        StringBuilder out = new StringBuilder();
        if (socketTids.length > 0) {
            out.append(now).append('\n');
            long[] tids = turn(socketTids, nextSocket);
            nextSocket = (nextSocket + tids.length) % socketTids.length;
            for (long tid : tids) {
                syscall(out, tid);
            }
        }
        if (lockIds.length > 0) {
            out.append(System.currentTimeMillis()).append('\n');
            locks(out);
        }
        // The CLI reads this file on its own clock (every 100 ms, as this loop runs): with one
        // answer in it, it read some answers twice and missed others, in step with a client's
        // request cycle (a thread alternating 300 ms on A and 100 ms on B came out 50/50, JDK 17
        // and 25). So the file keeps the answers of the last second, and the CLI takes each once.
        recent.addLast(out.toString());
        recentTimes.addLast(now);
        while (recentTimes.size() > 1 && (recentTimes.peekFirst() < now - KEEP_MILLIS || recent.size() > KEEP_ANSWERS)) {
            recent.removeFirst();
            recentTimes.removeFirst();
        }
        StringBuilder file = new StringBuilder();
        for (String answer : recent) {
            file.append(answer);
        }
        channel.publishQuietly(Protocol.WAITS, file.toString());
    }

    private void readWatchList() {
        List<Long> locks = new ArrayList<Long>();
        List<Long> sockets = new ArrayList<Long>();
        String text = read(watchFile, 1 << 16);
        for (String line : text == null ? new String[0] : text.split("\n")) {
            if (line.length() > 2) {
                try {
                    (line.charAt(0) == 'L' ? locks : sockets).add(Long.parseLong(line.substring(2).trim()));
                } catch (NumberFormatException ignored) {
                    // not a line of the CLI's
                }
            }
        }
        lockIds = toArray(locks);
        socketTids = toArray(sockets);
    }

    private void locks(StringBuilder out) {
        if (lockIds.length == 0) {
            return;
        }
        long[] ids = turn(lockIds, nextLock);
        nextLock = (nextLock + ids.length) % lockIds.length;
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        List<Long> owners = new ArrayList<Long>();
        for (ThreadInfo info : infos) {
            if (info != null && info.getLockOwnerId() >= 0) {
                owners.add(info.getLockOwnerId());
            }
        }
        ThreadInfo[] ownerInfos = owners.isEmpty() ? new ThreadInfo[0] : threads.getThreadInfo(toArray(owners), 0);
        int o = 0;
        for (ThreadInfo info : infos) {
            ThreadInfo owner = info != null && info.getLockOwnerId() >= 0 ? ownerInfos[o++] : null;
            if (info == null || info.getLockInfo() == null) {
                continue; // gone, or no longer waiting for anything
            }
            out.append("L\t").append(info.getThreadId()).append('\t').append(info.getLockInfo().getClassName())
                    .append('\t').append(info.getLockOwnerId())
                    .append('\t').append(clean(info.getLockOwnerName()))
                    .append('\t').append(owner == null ? "" : owner.getThreadState().name()).append('\n');
        }
    }

    private static void syscall(StringBuilder out, long tid) {
        String call = read(new File("/proc/self/task/" + tid + "/syscall"), 256);
        if (call == null) {
            return; // the thread ended
        }
        call = call.trim();
        int space = call.indexOf(' ');
        int first = -1;
        if (space > 0) {
            int end = call.indexOf(' ', space + 1);
            first = firstInt(call.substring(space + 1, end < 0 ? call.length() : end));
        }
        out.append("S\t").append(tid).append('\t').append(call).append('\t').append(first).append('\n');
    }

    /** The int at address (hex "0x…") in our own memory, little-endian as on x86_64 and arm64; or -1. */
    private static int firstInt(String hexAddress) {
        long address;
        try {
            address = Long.parseLong(hexAddress.startsWith("0x") ? hexAddress.substring(2) : hexAddress, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
        if (address < 4096) {
            return -1; // a descriptor, not an address
        }
        RandomAccessFile mem = null;
        try {
            mem = new RandomAccessFile("/proc/self/mem", "r");
            mem.seek(address);
            byte[] b = new byte[4];
            mem.readFully(b);
            return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        } catch (IOException e) {
            return -1; // EIO: the poll ended and its stack moved on
        } finally {
            closeQuietly(mem);
        }
    }

    private static String read(File file, int max) {
        InputStream in = null;
        try {
            in = new FileInputStream(file);
            byte[] buf = new byte[max];
            int n = 0;
            for (int r; n < max && (r = in.read(buf, n, max - n)) > 0; ) {
                n += r;
            }
            return new String(buf, 0, n, "US-ASCII");
        } catch (IOException e) {
            return null;
        } finally {
            closeQuietly(in);
        }
    }

    /** Up to PER_LOOP ids from all, starting at from (mod its length), wrapping around. */
    private static long[] turn(long[] all, int from) {
        if (all.length <= PER_LOOP) {
            return all;
        }
        long[] out = new long[PER_LOOP];
        for (int i = 0; i < PER_LOOP; i++) {
            out[i] = all[(int) ((from + (long) i) % all.length)];
        }
        return out;
    }

    private static String clean(String name) {
        return name == null ? "" : name.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static long[] toArray(List<Long> list) {
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }
}
