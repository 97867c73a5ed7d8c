package jspy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of {@link Spin} under each profiler, interleaved: every round runs every scenario
 * with every profiler once (none, async-profiler alone, jspy record, jspy top ...), and each
 * profiled run is divided by the unprofiled run of the same scenario and round.
 */
final class Overhead {
    /** sockets, locks: Spin's {@link Waiters}, threads jspy looks at for wait targets (none in the first four). */
    record Scenario(String name, int busy, int idle, boolean withKHz, int sockets, int locks) {
        Scenario(String name, int busy, int idle, boolean withKHz) {
            this(name, busy, idle, withKHz, 0, 0);
        }
    }

    /** ASYNC_PROFILER batches like jspy (wall=, a sleeping thread is not signalled again); _NOBATCH signals every tick. */
    enum Kind { NONE, ASYNC_PROFILER, ASYNC_PROFILER_NOBATCH, RECORD, RECORD_NO_WAITS, RECORD_AGENT_WAITS, TOP, TOP_BASELINE;
        boolean top() {
            return this == TOP || this == TOP_BASELINE;
        }

        /**
         * RECORD_NO_WAITS: record with -Djspy.waits=off, what wait targets cost beside record with them.
         * RECORD_AGENT_WAITS: -Djspy.waits.source=agent, the agent reads the socket waiters' syscalls, as
         * where the kernel refuses jspy (Yama); this machine has no Yama, so RECORD's CLI reads them.
         */
        boolean record() {
            return this == RECORD || this == RECORD_NO_WAITS || this == RECORD_AGENT_WAITS;
        }
    }

    record Profiler(Kind kind, int hz) {
        String label() {
            return switch (kind) {
                case NONE -> "no profiler";
                case ASYNC_PROFILER -> hz == 0 ? "async-profiler alone @ jspy's rate" : "async-profiler alone @ " + hz + " Hz";
                case ASYNC_PROFILER_NOBATCH -> hz == 0 ? "async-profiler alone, nobatch @ jspy's rate"
                        : "async-profiler alone, nobatch @ " + hz + " Hz";
                case RECORD -> "jspy record @ " + hz + " Hz";
                case RECORD_NO_WAITS -> "jspy record @ " + hz + " Hz, wait targets off";
                case RECORD_AGENT_WAITS -> "jspy record @ " + hz + " Hz, peers read by the agent";
                case TOP -> "jspy top @ " + hz + " Hz";
                case TOP_BASELINE -> "jspy top @ " + hz + " Hz, --top-baseline jar";
            };
        }
    }

    private final Env env;
    /** Another build's jspy.jar whose top runs beside this one's (--top-baseline), or null. */
    private final Path topBaseline;
    final double warmup;
    final double measure;
    final List<Scenario> scenarios;
    /** Per scenario, per profiler: ratio to no profiler, and memory figures. */
    final Map<Scenario, Map<Profiler, Map<String, Stats>>> results = new LinkedHashMap<>();
    final Map<Scenario, Stats> baselineOps = new HashMap<>();
    final Map<Scenario, Stats> baselineCores = new HashMap<>();
    /** The busiest other threads of the target in the latest round, per scenario and profiler. */
    final Map<String, String> topThreads = new LinkedHashMap<>();
    private int seq;
    /**
     * jspy's default --sample-limit (samples/s in all). With more threads than it allows at 100 Hz
     * jspy samples each thread less often; async-profiler alone then runs at that same rate
     * ({@code hz == 0} in its Profiler), resolved per round from the unprofiled run's thread count.
     */
    static final int SAMPLE_LIMIT = 22_000;
    final Map<Scenario, Double> jspyRate = new HashMap<>();

    Overhead(Env env, List<Scenario> scenarios, double warmup, double measure, Path topBaseline) {
        this.env = env;
        this.topBaseline = topBaseline;
        this.scenarios = scenarios;
        this.warmup = warmup;
        this.measure = measure;
    }

    /**
     * The lowest per-thread rate issue 9's goal allows with many idle threads (20 Hz with 1,000,
     * 2 Hz with 10,000), or 0: async-profiler alone runs at it too, to show what the goal's
     * throughput asks of the sampler itself.
     */
    static int floorHz(Scenario s) {
        return s.idle() >= 10_000 ? 2 : s.idle() >= 1_000 ? 20 : 0;
    }

    /** The async-profiler run jspy's run at hz is compared with: at 100 Hz (jspy's default), jspy's own rate. */
    static Profiler asyncProfiler(Scenario s, int hz) {
        return new Profiler(Kind.ASYNC_PROFILER, hz == 100 ? 0 : hz);
    }

    /** jspy's per-thread rate at its defaults for a JVM with this many threads (SamplingOptions.rateFor). */
    static double jspyDefaultRate(long threads) {
        return threads * 100 <= SAMPLE_LIMIT ? 100 : Math.max(0.1, Double.parseDouble(hz((double) SAMPLE_LIMIT / threads)));
    }

    /** As jspy prints rates (the bench runs with jspy's jar on its classpath). */
    static String hz(double rate) {
        return jspy.cli.profile.Profile.hz(rate);
    }

    String label(Scenario s, Profiler p) {
        Double rate = jspyRate.get(s);
        if (p.kind == Kind.NONE || p.hz != 100 && p.hz != 0 || rate == null) {
            return p.label();
        }
        boolean ap = p.kind == Kind.ASYNC_PROFILER || p.kind == Kind.ASYNC_PROFILER_NOBATCH;
        if (rate == 100) {
            return ap ? p.label().replace("jspy's rate", "100 Hz") : p.label();
        }
        return ap ? p.label() + " (" + hz(rate) + " Hz)"
                : p.label() + " (" + hz(rate) + " Hz per thread: --sample-limit)";
    }

    List<Profiler> profilers(Scenario s) {
        List<Profiler> out = new ArrayList<>(List.of(new Profiler(Kind.NONE, 100), asyncProfiler(s, 100)));
        if (s.sockets + s.locks == 0) { // with waiters nobatch tells nothing new of wait targets: a run saved
            out.add(new Profiler(Kind.ASYNC_PROFILER_NOBATCH, 0));
        }
        out.addAll(List.of(new Profiler(Kind.RECORD, 100), new Profiler(Kind.RECORD_NO_WAITS, 100)));
        if (s.sockets > 0) {
            out.add(new Profiler(Kind.RECORD_AGENT_WAITS, 100));
        }
        if (env.topBuilt) {
            out.add(new Profiler(Kind.TOP, 100));
            if (topBaseline != null) {
                out.add(new Profiler(Kind.TOP_BASELINE, 100));
            }
        }
        if (floorHz(s) > 0) {
            out.add(new Profiler(Kind.ASYNC_PROFILER, floorHz(s)));
        }
        if (s.withKHz) {
            out.add(new Profiler(Kind.ASYNC_PROFILER, 1000));
            out.add(new Profiler(Kind.RECORD, 1000)); // top at 1 kHz: dropped to make room for longer windows
        }
        return out;
    }

    void round(int r) throws Exception {
        for (Scenario s : scenarios) {
            Map<Profiler, Map<String, Stats>> byProfiler = results.computeIfAbsent(s, k -> new LinkedHashMap<>());
            SpinRun base = null;
            for (Profiler p : profilers(s)) {
                Map<String, Stats> stats = byProfiler.computeIfAbsent(p, k -> new LinkedHashMap<>());
                SpinRun run;
                try {
                    run = run(s, p);
                } catch (Exception e) {
                    for (String key : List.of("ratio", "hwm_extra_kb", "heap_extra_bytes", "agent_classes_bytes")) {
                        stats.computeIfAbsent(key, k -> new Stats()).fail(e.getMessage());
                    }
                    Harness.log("  " + s.name + " / " + p.label() + ": " + e.getMessage());
                    continue;
                }
                topThreads.put(s.name + " | " + p.label(), run.topThreads());
                if (p.kind == Kind.NONE) {
                    base = run;
                    jspyRate.put(s, jspyDefaultRate((long) run.get("threads")));
                    baselineOps.computeIfAbsent(s, k -> new Stats()).add(run.get("ops_per_s"));
                    baselineCores.computeIfAbsent(s, k -> new Stats()).add(run.get("cpu_cores"));
                    continue;
                }
                if (base == null) {
                    continue;
                }
                add(stats, "ratio", run.get("ops_per_s") / base.get("ops_per_s"));
                add(stats, "cpu_ratio", run.get("ops_per_cpu_s") / base.get("ops_per_cpu_s"));
                add(stats, "profiler_threads_pct", run.get("profiler_threads_pct"));
                if (!Double.isNaN(run.get("cli_cpu_pct"))) {
                    add(stats, "cli_cpu_pct", run.get("cli_cpu_pct"));
                }
                add(stats, "hwm_extra_kb", run.get("hwm_kb_after") - base.get("hwm_kb_after"));
                add(stats, "rss_growth_kb", run.get("rss_kb_after") - run.get("rss_kb_before")
                        - (base.get("rss_kb_after") - base.get("rss_kb_before")));
                add(stats, "heap_extra_bytes", run.get("heap_bytes_after") - base.get("heap_bytes_after"));
                add(stats, "agent_classes_bytes", run.get("agent_classes_bytes"));
                if (!Double.isNaN(run.get("achieved_hz"))) {
                    add(stats, "achieved_hz", run.get("achieved_hz"));
                }
            }
        }
    }

    /** The per-thread rate jspy achieved, from its JSON summary ("rateHz"), or NaN. */
    private static double achievedHz(Path json) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"rateHz\" : ([0-9.]+)").matcher(Files.readString(json));
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }

    private static void add(Map<String, Stats> stats, String key, double v) {
        stats.computeIfAbsent(key, k -> new Stats()).add(v);
    }

    /**
     * async-profiler alone, loaded with jattach once the threads run, as jspy loads it: with -agentpath
     * (until 2026-12-07) its start-up fell before Spin's "before" snapshot, so with 10,000 idle threads
     * jspy's RSS growth read 30 MB larger than a-p's (bench/idle-memory: attached alike, within 5 MB).
     */
    private void startAsyncProfiler(Scenario s, Profiler p, Path dir, String pid) throws Exception {
        double hz = p.hz == 0 ? jspyRate.get(s) : p.hz;
        long us = Math.round(1e6 / hz);
        String options = (p.kind == Kind.ASYNC_PROFILER
                ? "start,wall=" + us + "us,jfr,file=" + dir.resolve("ap.jfr")
                : "start,event=wall,interval=" + us + "us,threads,nobatch,file=/dev/null")
                + ",log=" + dir.resolve("ap.log");
        Proc.run(List.of(env.jattach.toString(), pid, "load", env.libAsyncProfiler.toString(), "true", options), dir,
                "jattach", 60).check("jattach (async-profiler alone)");
    }

    private SpinRun run(Scenario s, Profiler p) throws Exception {
        Path dir = env.work.resolve("overhead/" + (seq++) + "-" + s.name.replaceAll("\\W+", "_"));
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(env.java.toString()));
        cmd.addAll(List.of("-cp", env.benchClasspath, "jspy.bench.Spin", String.valueOf(s.busy),
                String.valueOf(s.idle), String.valueOf(warmup), String.valueOf(measure), dir.toString(),
                String.valueOf(s.sockets), String.valueOf(s.locks)));
        Proc target = Proc.start(cmd, dir, "target");
        Proc profiler = null;
        try {
            if (!Proc.awaitFile(dir.resolve("ready"), target.process, 120)) {
                throw new IllegalStateException("target not ready: " + Proc.firstLine(target.stderr()));
            }
            String pid = String.valueOf(target.pid());
            if (p.kind == Kind.ASYNC_PROFILER || p.kind == Kind.ASYNC_PROFILER_NOBATCH) {
                startAsyncProfiler(s, p, dir, pid);
            }
            long threads;
            try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
                threads = tasks.count();
            }
            if (p.kind.record() || p.kind.top()) {
                profiler = JspyProcess.start(env, p.kind == Kind.TOP_BASELINE ? topBaseline : null, p, dir, pid);
            }
            Files.writeString(dir.resolve("go"), "");
            long goNanos = System.nanoTime();
            java.time.Duration cliCpu0 = profiler == null ? null : profiler.treeCpu();
            int code = target.waitFor((int) (warmup + measure + 120));
            double cliCpuPct = Double.NaN;
            if (cliCpu0 != null && profiler.process.isAlive()) {
                // The CLI's own CPU while the target ran: on a full machine it competes with the target.
                cliCpuPct = (profiler.treeCpu().minus(cliCpu0).toNanos()) * 100.0 / (System.nanoTime() - goNanos);
            }
            if (code != 0) {
                throw new IllegalStateException("target exited " + code + ": " + Proc.firstLine(target.stderr()));
            }
            if (!target.stdout().isEmpty() || !target.stderr().isEmpty()) {
                Harness.log("  WARNING: the target printed: " + Proc.firstLine(target.stdout() + target.stderr()));
            }
            SpinRun out = SpinRun.read(dir.resolve("out"));
            Map<String, Double> values = out.values();
            values.put("cli_cpu_pct", cliCpuPct);
            if (profiler != null && p.kind.record()) {
                profiler.waitFor(60);
                values.put("achieved_hz", achievedHz(dir.resolve("profile.json")));
            }
            values.put("threads", (double) threads);
            return out;
        } finally {
            if (target.process.isAlive()) {
                target.kill();
            }
            if (profiler != null) {
                if (p.kind.top()) {
                    profiler.process.descendants().forEach(ProcessHandle::destroy); // SIGTERM: top quits
                }
                if (profiler.waitFor(30) != 0 && p.kind.record()) {
                    Harness.log("  jspy record ended badly: " + Proc.firstLine(profiler.stderr()));
                }
                if (profiler.process.isAlive()) {
                    profiler.kill();
                }
            }
        }
    }
}
