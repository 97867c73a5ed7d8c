package jspy.cli.top;

import java.util.regex.Pattern;
import jspy.cli.profile.Frames;

/**
 * A thread as its samples name it: {@code [name tid=N]} for a platform thread (N its OS tid), and
 * {@code [name tid=N virtual]} for a virtual thread (N its Thread id, JDK 21+). One row of the thread
 * view each: threads that share a name (a pool's {@code backend-conn} x 4, unnamed virtual threads)
 * are still so many threads, and the header counts them so.
 */
final class ThreadId {
    private static final String VIRTUAL = " virtual]";
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** The group every virtual thread falls in under {@code g}. */
    static final String VIRTUAL_GROUP = "(virtual threads)";

    private final String name;
    private final String tid;
    private final boolean virtual;
    /** Worked out once: a window adds a sample per thread, each a lookup (a record's hashCode was 5% of top's refresh). */
    private final int hash;

    ThreadId(String name, String tid, boolean virtual) {
        this.name = name;
        this.tid = tid;
        this.virtual = virtual;
        this.hash = (name.hashCode() * 31 + tid.hashCode()) * 31 + Boolean.hashCode(virtual);
    }

    String name() {
        return name;
    }

    /** The OS tid, or {@code #N} for a virtual thread's Thread id; "" when the stack had no thread frame. */
    String tid() {
        return tid;
    }

    boolean virtual() {
        return virtual;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadId t && t.hash == hash && t.virtual == virtual && t.tid.equals(tid) && t.name.equals(name);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** A thread root frame, or "?" for a stack without one. */
    static ThreadId of(String frame) {
        if (!Frames.isThread(frame)) {
            return new ThreadId(frame, "", false);
        }
        boolean virtual = frame.endsWith(VIRTUAL);
        int tid = frame.lastIndexOf(" tid=");
        String id = frame.substring(tid + " tid=".length(), frame.length() - (virtual ? VIRTUAL.length() : 1));
        return new ThreadId(Frames.threadName(frame), virtual ? "#" + id : id, virtual);
    }

    /**
     * The group {@code g} puts it in: all virtual threads together (a service runs thousands,
     * named alike or not at all), a platform thread by its name with each run of digits as
     * {@code *}, so {@code backend-conn-1..4} and {@code pool-1-thread-7} group as a pool.
     */
    String group() {
        return virtual ? VIRTUAL_GROUP : DIGITS.matcher(name).replaceAll("*");
    }
}
