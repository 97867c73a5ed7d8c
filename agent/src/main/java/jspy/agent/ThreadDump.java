package jspy.agent;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * One thread dump for {@code jspy dump}, written on the calling (Attach Listener) thread: no
 * profiler and no thread of ours, so nothing is left behind when the load command returns.
 *
 * <p>{@value #THREADS}: the platform threads, 100 to a safepoint ({@code getThreadInfo}), one
 * tab-separated record per line ({@code \\}, tab, CR and LF escaped as {@code \\\\ \\t \\r \\n}):
 * <pre>
 * vm     TAB java.version TAB sun.java.command
 * self   TAB tid                       the thread that wrote the dump (to leave out)
 * thread TAB tid TAB state TAB name TAB lock TAB ownerTid TAB ownerName TAB cpuNanos
 *                                          ownerTid -1: none; cpuNanos -1: unknown (an older
 *                                          agent writes no cpuNanos field)
 * frame  TAB class TAB method TAB file TAB line                           after its thread, leaf first
 * note   TAB text                                                         something left out
 * </pre>
 * {@value #VIRTUAL}: on JDK 21+ the JDK's own JSON dump, the only place parked virtual threads
 * show up (they have no carrier, so neither ThreadMXBean nor a wall-clock sampler sees them).
 */
final class ThreadDump {
    static final String THREADS = "threads";
    static final String VIRTUAL = "virtual.json";
    private static final int BATCH = 100;

    private ThreadDump() {
    }

    static void write(Channel channel) {
        try {
            StringBuilder out = new StringBuilder(64 * 1024);
            out.append("vm\t").append(escape(System.getProperty("java.version", ""))).append('\t')
                    .append(escape(System.getProperty("sun.java.command", ""))).append('\n');
            out.append("self\t").append(Thread.currentThread().getId()).append('\n');
            platformThreads(out);
            String skipped = virtualThreads(channel.file(VIRTUAL));
            if (skipped != null) {
                out.append("note\t").append(escape(skipped)).append('\n');
            }
            channel.publish(THREADS, out.toString());
        } catch (Throwable t) {
            // agentmain must not throw: the JVM would print the trace into the target
            String message = t.getMessage();
            channel.publishQuietly(Protocol.ERROR, t.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
        channel.publishQuietly(Protocol.DONE, "");
    }

    private static void platformThreads(StringBuilder out) {
        // No locked monitors or synchronizers: they cost a heap walk, and a dump shows what a
        // thread waits for, which ThreadInfo has anyway. In batches, each its own safepoint: one
        // dumpAllThreads of 1,000 parked threads left the target 37-42 MB more RSS (JDK 17, kept
        // by the JVM and malloc; jcmd Thread.print: 1 MB), batches of 100 left 0-3 MB.
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // CPU time by Java thread id: the documented API on every JDK 8+, in nanoseconds (top and
        // /proc count 10 ms ticks). Never switched on here: the target's setting stays its own.
        boolean cpu = mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
        long[] ids = mx.getAllThreadIds();
        for (int i = 0; i < ids.length; i += BATCH) {
            for (ThreadInfo t : mx.getThreadInfo(Arrays.copyOfRange(ids, i, Math.min(ids.length, i + BATCH)),
                    Integer.MAX_VALUE)) {
                thread(out, t, t == null || !cpu ? -1 : mx.getThreadCpuTime(t.getThreadId()));
            }
        }
    }

    private static void thread(StringBuilder out, ThreadInfo t, long cpuNanos) {
        if (t == null || t.getThreadName().startsWith(Protocol.THREAD_PREFIX)) {
            return; // exited meanwhile, or a recording session's own thread
        }
        out.append("thread\t").append(t.getThreadId()).append('\t').append(t.getThreadState()).append('\t');
        field(out, t.getThreadName()).append('\t');
        field(out, t.getLockName()).append('\t').append(t.getLockOwnerId()).append('\t');
        field(out, t.getLockOwnerName()).append('\t').append(cpuNanos).append('\n');
        for (StackTraceElement f : t.getStackTrace()) {
            out.append("frame\t");
            field(out, f.getClassName()).append('\t');
            field(out, f.getMethodName()).append('\t');
            field(out, f.getFileName()).append('\t').append(f.getLineNumber()).append('\n');
        }
    }

    /**
     * HotSpotDiagnosticMXBean.dumpThreads(file, ThreadDumpFormat.JSON), JDK 21+, by reflection
     * since we are built for Java 8. Returns why nothing was written, or null; older JDKs have no
     * virtual threads and get no note.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String virtualThreads(File file) {
        Class<?> bean;
        Class format;
        Method dump;
        try {
            bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            dump = bean.getMethod("dumpThreads", String.class, format);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (NoSuchMethodException e) {
            return null;
        }
        try {
            Object mx = ManagementFactory.getPlatformMXBean((Class) bean);
            dump.invoke(mx, file.getAbsolutePath(), Enum.valueOf(format, "JSON"));
            return null;
        } catch (InvocationTargetException e) {
            return "virtual threads: " + e.getCause();
        } catch (Exception e) {
            return "virtual threads: " + e;
        }
    }

    private static StringBuilder field(StringBuilder out, String value) {
        return out.append(value == null ? "" : escape(value));
    }

    static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
