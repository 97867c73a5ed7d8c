package jspy.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import one.profiler.AsyncProfiler;

/**
 * One profiling session: async-profiler in wall-clock mode writing JFR, one chunk per sampling
 * window. Every period the window is closed with a {@code dump}, which also writes the samples that
 * async-profiler batched for threads that stayed asleep; so each window holds every thread's
 * samples and the CLI reads exact windows. It stops when the CLI asks, goes silent, or the JVM exits.
 */
final class Session implements Runnable {
    private static final AtomicBoolean ACTIVE = new AtomicBoolean();
    /**
     * How often the loop looks at the stop and heartbeat files and the clock. Every 20 ms, the
     * wake-ups alone were over a third of this thread's CPU with 10,000 threads (perf: futex_wake
     * under JavaThread::sleep, JDK 17, 2026-12-01), about 0.8% of a core. A stop is seen up to
     * 100 ms later: top's q still quits in well under its 1.5 s budget.
     */
    private static final long POLL_MILLIS = 100;

    private final AgentArgs args;
    private final Channel channel;
    private final JdbcClasses jdbc;
    private final WaitWatch waits;
    private final Object lock = new Object();
    private AsyncProfiler profiler;
    /** True only while a profiler session that we started runs: we never stop anyone else's. */
    private boolean ours;
    private boolean finished;
    private int recording;
    private long recordingStarted;
    private int dropped;
    /** When the next window ends by the clock, and when an edge the CLI asks for may next be made (epoch ms). */
    private long nextWindow;
    private long nextAsked;

    private Session(AgentArgs args, Instrumentation inst) {
        this.args = args;
        this.channel = new Channel(args.dir, args.controlDir);
        this.jdbc = new JdbcClasses(inst);
        this.waits = new WaitWatch(channel);
    }

    static void begin(AgentArgs args, Instrumentation inst) {
        Session session = new Session(args, inst);
        if (!ACTIVE.compareAndSet(false, true)) {
            session.channel.publishQuietly(Protocol.ERROR, "another jspy session is already profiling this JVM");
            return;
        }
        Thread thread = new Thread(session, Protocol.THREAD_PREFIX);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        Thread hook = new Thread(new Runnable() {
            @Override
            public void run() {
                finish(Protocol.DONE_EXIT);
            }
        }, Protocol.THREAD_PREFIX + "-exit");
        try {
            profiler = AsyncProfiler.getInstance();
            // 4.5 answers "Profiling is running for N seconds" or "Profiler is not active"
            String status = profiler.execute("status");
            if (status != null && !status.trim().startsWith("Profiler is not active")) {
                // Someone else's session (asprof, -agentpath): leave it alone, say so.
                throw new IllegalStateException("another profiler session is active in this JVM ("
                        + status.trim() + "); jspy leaves it running");
            }
            startRecording(1);
            Runtime.getRuntime().addShutdownHook(hook);
            channel.publish(Protocol.INFO, info());
            finish(loop());
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (Throwable t) {
            // UnsatisfiedLinkError (library not loaded), a foreign session, I/O errors...
            channel.publishQuietly(Protocol.ERROR, describe(t));
            finish(Protocol.DONE_FAILED);
        } finally {
            ACTIVE.set(false);
        }
    }

    /**
     * {@code wall=}, not {@code event=wall}: with event=wall async-profiler 4.5 runs the wall clock
     * as its CPU engine, and then a dump does not flush the samples batched for sleeping threads
     * (measured: a blocked reader showed 1 sample per dump instead of ~100/s). With wall= it does.
     * Batching stays on: a thread that used no CPU since its last sample is not signalled again.
     */
    private void startRecording(int n) throws Exception {
        File file = channel.recording(n);
        profiler.execute("start,wall=" + args.intervalNanos + ",jfr,file=" + file.getPath()
                + ",log=" + channel.file(Protocol.PROFILER_LOG).getPath());
        ours = true;
        recording = n;
        recordingStarted = System.currentTimeMillis();
    }

    /** Returns why sampling ends: the CLI asked, or it went silent. */
    private String loop() throws Exception {
        nextWindow = System.currentTimeMillis() + args.periodMillis;
        long nextJdbcScan = 0;
        VirtualThreadDumps virtual = VirtualThreadDumps.create(channel, Math.max(1000, args.periodMillis),
                System.currentTimeMillis());
        while (true) {
            Thread.sleep(POLL_MILLIS);
            long now = System.currentTimeMillis();
            if (channel.stopRequested()) {
                if (virtual != null) {
                    virtual.dumpNow(now); // the time since the last dump counts too
                }
                return Protocol.DONE_STOP;
            }
            if (channel.abandoned(now)) {
                return Protocol.DONE_ABANDONED;
            }
            if (now >= nextJdbcScan) {
                jdbc.publishIfChanged(channel);
                nextJdbcScan = now + 10_000;
            }
            if (virtual != null) {
                virtual.maybeDump(now);
            }
            waits.poll(now);
            windows(now, virtual);
        }
    }

    /** Closes the window when its period is over, or when the CLI asked for an edge now. */
    private void windows(long now, VirtualThreadDumps virtual) throws Exception {
        // serve's /profile?seconds=N asks for an edge when it starts and N s later.
        boolean asked = now >= nextAsked && channel.windowRequested();
        if (!asked && now < nextWindow) {
            return;
        }
        long cpu = asked ? cpuNanos() : 0;
        long tookMillis = closeWindow(now, asked ? virtual : null);
        if (asked) {
            // Asked-for edges cost at most 10% of a core while someone keeps asking (10,000
            // threads: a dump took 84 ms, so one edge every 0.84 s at most); the regular windows
            // keep their schedule. Counted in CPU time, not wall time: on a machine at load 50
            // (2 cores) threads waited seconds for one (serve read a window 2.7 s after it
            // closed), and a budget in wall time would hold back the edge that ends a profile.
            nextAsked = now + 10 * (cpuNanos() - cpu) / 1_000_000;
        }
        if (now >= nextWindow) {
            // Fixed steps, not now + period: windows stay one period long on average; but
            // stretched so that closing them takes at most 1% of a core: with 10,000 threads a
            // window's chunk names every thread (async-profiler asks the JVM for each name), and
            // closing one a second cost the target about half its throughput (bench/, JDK 17).
            // A dump took 0.6 ms with 2 busy threads, 6.5 ms with 1,000 idle ones (windows stay
            // 1 s) and 84 ms with 10,000 (windows of ~8 s; ~4 s at 2%), JDK 17, 2026-12-01.
            nextWindow = Math.max(Math.max(nextWindow + args.periodMillis, now + args.periodMillis / 2),
                    now + 100 * tookMillis);
        }
    }

    /**
     * Ends the window and says how long that took (ms). virtual: when not null, the unmounted
     * virtual threads are dumped first, so that their window ends where this one does.
     */
    private long closeWindow(long now, VirtualThreadDumps virtual) throws Exception {
        long started = System.nanoTime();
        if (virtual != null) {
            virtual.dumpNow(now);
        }
        closeWindow(now);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Ends the window: a JFR chunk with every sample so far; a new file when this one is big or old. */
    private void closeWindow(long now) throws Exception {
        synchronized (lock) {
            if (finished) {
                return;
            }
            File file = channel.recording(recording);
            profiler.execute("dump,jfr,file=" + file.getPath());
            if (file.length() >= Protocol.ROTATE_BYTES || now - recordingStarted >= Protocol.ROTATE_MILLIS) {
                profiler.execute("stop");
                ours = false;
                startRecording(recording + 1);
            }
        }
        cleanUp();
    }

    /** Deletes what the CLI has read; if it fell far behind, drops the oldest and counts it. */
    private void cleanUp() {
        int acked = channel.acknowledged();
        for (int n = recording - 1; n >= 1 && channel.recording(n).exists(); n--) {
            boolean read = n <= acked;
            if (read || n < recording - Protocol.MAX_UNACKED) {
                channel.deleteRecording(n);
                if (!read) {
                    dropped++;
                    channel.publishQuietly(Protocol.DROPPED, dropped + "\n");
                }
            }
        }
    }

    /** Stops sampling (the last chunk is complete after this), once: from the loop or the exit hook. */
    private void finish(String why) {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            if (ours) {
                try {
                    profiler.stop();
                } catch (Throwable t) {
                    channel.publishQuietly(Protocol.ERROR, describe(t));
                }
                ours = false;
            }
            channel.publishQuietly(Protocol.DONE, why + "\n");
        }
    }

    /** This thread's CPU time (ns), or the wall clock where the JVM does not measure it. */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        return cpu >= 0 ? cpu : System.nanoTime();
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

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
