package jspy.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import one.profiler.AsyncProfiler;

/**
 * One profiling session: start async-profiler in wall-clock mode, publish a cumulative snapshot
 * of collapsed stacks every period, stop when the CLI asks, goes silent, or the JVM exits.
 */
final class Session implements Runnable {
    /** Threads of ours are named with this prefix; the CLI drops them from every snapshot. */
    static final String THREAD_PREFIX = "jspy-agent";

    private static final AtomicBoolean ACTIVE = new AtomicBoolean();

    private final AgentArgs args;
    private final Channel channel;
    private final JdbcClasses jdbc;
    private final Object dumpLock = new Object();
    private AsyncProfiler profiler;
    private boolean finished;

    private Session(AgentArgs args, Instrumentation inst) {
        this.args = args;
        this.channel = new Channel(args.dir, args.controlDir);
        this.jdbc = new JdbcClasses(inst);
    }

    static void begin(AgentArgs args, Instrumentation inst) {
        Session session = new Session(args, inst);
        if (!ACTIVE.compareAndSet(false, true)) {
            session.channel.publishQuietly(Channel.ERROR,
                    "another jspy session is already profiling this JVM");
            return;
        }
        Thread thread = new Thread(session, THREAD_PREFIX);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        Thread hook = new Thread(() -> finish("exit"), THREAD_PREFIX + "-exit");
        try {
            profiler = AsyncProfiler.getInstance();
            // nobatch: async-profiler 4.x otherwise folds an idle thread's samples into one
            // record that reaches the dump only when the thread wakes up, so a thread blocked
            // for the whole session would show 1 sample instead of one per interval.
            profiler.execute("start,event=wall,interval=" + args.intervalNanos
                    + ",threads,nobatch,log=" + channel.file(Channel.PROFILER_LOG).getPath());
            Runtime.getRuntime().addShutdownHook(hook);
            channel.publish(Channel.INFO, info());
            finish(loop());
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (Throwable t) {
            // UnsatisfiedLinkError (library not loaded), "Profiler already started", I/O errors...
            channel.publishQuietly(Channel.ERROR, describe(t));
            stopQuietly();
        } finally {
            ACTIVE.set(false);
        }
    }

    /** Returns why sampling ends: "stop" (the CLI asked) or "abandoned" (the CLI went silent). */
    private String loop() throws Exception {
        long nextDump = System.currentTimeMillis() + args.periodMillis;
        long nextJdbcScan = 0;
        while (true) {
            Thread.sleep(50);
            long now = System.currentTimeMillis();
            if (channel.stopRequested()) {
                return "stop";
            }
            if (channel.abandoned(now)) {
                return "abandoned";
            }
            if (now >= nextJdbcScan) {
                jdbc.publishIfChanged(channel);
                nextJdbcScan = now + 10_000;
            }
            if (now >= nextDump) {
                long started = System.nanoTime();
                dump(Channel.SNAPSHOT);
                nextDump = now + nextDumpDelay(args.periodMillis, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /**
     * The period, stretched so that snapshots take at most 2% of one core: with 10,000 threads a
     * snapshot holds 10,000 stacks, and dumping it every second cost the target ~6% (bench/).
     */
    static long nextDumpDelay(long periodMillis, long lastDumpMillis) {
        return Math.max(periodMillis, 50 * lastDumpMillis);
    }

    /** Final snapshot, then stop sampling. Runs once: from the loop or from the exit hook. */
    /** why goes into the done file, so the CLI can tell a JVM exit from a heartbeat timeout. */
    private void finish(String why) {
        synchronized (dumpLock) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                dumpLocked(Channel.SNAPSHOT);
            } catch (Throwable t) {
                channel.publishQuietly(Channel.ERROR, describe(t));
            }
            stopQuietly();
            channel.publishQuietly(Channel.DONE, why + "\n");
        }
    }

    private void dump(String name) throws Exception {
        synchronized (dumpLock) {
            if (!finished) {
                dumpLocked(name);
            }
        }
    }

    /**
     * async-profiler writes the collapsed text itself: no string of it is built in the target's
     * heap (with 10,000 threads that was megabytes a second). The CLI drops our own thread.
     */
    private void dumpLocked(String name) throws Exception {
        File tmp = channel.file(name + ".tmp");
        profiler.execute("collapsed,samples,file=" + tmp.getPath());
        if (!tmp.renameTo(channel.file(name))) {
            throw new IOException("cannot rename " + tmp);
        }
    }

    private void stopQuietly() {
        try {
            if (profiler != null) {
                profiler.stop();
            }
        } catch (Throwable ignored) {
            // not started, or already stopped
        }
    }

    private static String info() {
        StringBuilder out = new StringBuilder();
        line(out, "pid", ManagementFactory.getRuntimeMXBean().getName().split("@")[0]);
        line(out, "command", System.getProperty("sun.java.command", ""));
        line(out, "java.version", System.getProperty("java.version", ""));
        line(out, "java.vm.name", System.getProperty("java.vm.name", ""));
        line(out, "start", Long.toString(System.currentTimeMillis()));
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value.replace('\n', ' ')).append('\n');
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
