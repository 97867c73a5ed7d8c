package jspy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs every measure, interleaved round by round, and writes the table to
 * {@code bench/results/<date>.md}. Usage: {@code Harness REPO [--quick] [--only overhead,latency,render,jmh]}.
 */
public final class Harness {
    private static final long STARTED = System.nanoTime();

    private Harness() {
    }

    static void log(String line) {
        System.err.printf("[%5.0fs] %s%n", (System.nanoTime() - STARTED) / 1e9, line);
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        boolean quick = false;
        boolean big = false;
        Integer roundsOption = null;
        Double warmupOption = null;
        Double measureOption = null;
        String scenarioFilter = "";
        Path topBaseline = null;
        Set<String> only = Set.of("overhead", "latency", "render", "jmh");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--big" -> big = true;
                case "--rounds" -> roundsOption = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--warmup" -> warmupOption = Double.parseDouble(args[++i]);
                case "--measure" -> measureOption = Double.parseDouble(args[++i]);
                case "--scenario" -> scenarioFilter = args[++i];
                case "--top-baseline" -> topBaseline = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --quick, --big,"
                        + " --rounds N, --only overhead,latency,render,jmh, --warmup S, --measure S, --scenario TEXT, --top-baseline JAR)");
            }
        }
        int rounds = roundsOption != null ? roundsOption : quick ? 3 : 4;
        Instant start = Instant.now();
        Path work = Files.createTempDirectory("jspy-bench-");
        Env env = new Env(repo, work);
        log("targets on " + env.java + " (" + env.javaVersion + "), work dir " + work);
        log("jspy top " + (env.topBuilt ? "built" : "placeholder") + ", dump " + (env.dumpBuilt ? "built" : "placeholder")
                + ", flamegraph " + (env.flamegraphBuilt ? "built" : "placeholder"));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();

        Overhead overhead = null;
        if (only.contains("overhead")) {
            String filter = scenarioFilter;
            List<Overhead.Scenario> all = java.util.stream.Stream.of(
                    new Overhead.Scenario("1 busy thread", 1, 0, true),
                    new Overhead.Scenario("all cores busy (" + cores() + " threads)", cores(), 0, true),
                    new Overhead.Scenario("all cores busy + 1,000 idle threads", cores(), 1000, false),
                    new Overhead.Scenario("all cores busy + 10,000 idle threads", cores(), 10000, false),
                    // Nothing waits in the others, so nothing is looked at: this one shows what wait targets cost.
                    new Overhead.Scenario("1 busy thread + 100 socket and 50 lock waiters", 1, 0, false, 100, 50))
                    .toList();
            // A whole name selects that one alone: "1 busy thread" begins the waiters' name too.
            List<Overhead.Scenario> scenarios = all.stream().filter(s -> s.name().equals(filter)).toList();
            if (scenarios.isEmpty()) {
                scenarios = all.stream().filter(s -> s.name().contains(filter)).toList();
            }
            if (scenarios.isEmpty()) { // an empty table would look like a run that measured nothing
                throw new IllegalArgumentException("no overhead scenario's name contains \"" + filter
                        + "\" (try \"1 busy\", \"all cores busy (\", \"1,000 idle\", \"10,000 idle\" or \"waiters\")");
            }
            log("overhead scenarios: " + String.join("; ", scenarios.stream().map(Overhead.Scenario::name).toList()));
            // 24 runs a round, each a JVM start, an attach and warm-up + measure. With 0.5 s of warm-up
            // and 1.25 s windows (2026-11-30) the window was the CLI's first JIT seconds: it took 10-15%
            // of a core there against 1.5-3% later. 1.5 s + 2 s still caught them: record's CLI took
            // 4.5% of a core with 1,000 idle threads, against 2.8% with 5 s + 10 s (a-p alone 0.971 and
            // 0.969 in both). The goals are about sessions of minutes to hours, so 3 s of warm-up after
            // jspy says "Sampling" and 6 s windows, 4 rounds: about 18 minutes. --warmup/--measure
            // change them; the report states them.
            overhead = new Overhead(env, scenarios, warmupOption != null ? warmupOption : quick ? 0.5 : 3.0,
                    measureOption != null ? measureOption : quick ? 1.0 : 6.0, topBaseline);
            for (int r = 0; r < rounds; r++) {
                log("overhead round " + (r + 1) + "/" + rounds);
                overhead.round(r);
            }
        }
        Latency latency = null;
        if (only.contains("latency")) {
            latency = new Latency(env);
            log("latency: set-up (AppCDS and AOT archives)");
            latency.setUp();
            for (int r = 0; r < rounds; r++) {
                log("latency round " + (r + 1) + "/" + rounds);
                latency.round(r);
            }
            latency.tearDown();
        }
        Rendering rendering = null;
        if (only.contains("render")) {
            rendering = new Rendering(env, big ? List.of(1_000, 10_000, 100_000, 1_000_000)
                    : List.of(1_000, 10_000, 100_000), big);
            log("rendering: generating inputs");
            rendering.setUp();
            int renderRounds = Math.min(rounds, 3); // flamegraph.pl takes 30 s a round at 100k stacks
            for (int r = 0; r < renderRounds; r++) {
                log("rendering round " + (r + 1) + "/" + renderRounds);
                rendering.round(r);
            }
        }
        Micro micro = null;
        if (only.contains("jmh")) {
            log("JMH micro-benchmarks");
            micro = new Micro();
            micro.run(env, quick ? 3 : 5, 0.5);
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        double seconds = (System.nanoTime() - STARTED) / 1e9;

        String table = new Report(env, quick, big, rounds, start, seconds, loadBefore, loadAfter)
                .render(overhead, latency, rendering, micro);
        System.out.println(table);
        Path results = repo.resolve("bench/results");
        Files.createDirectories(results);
        Path file = results.resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(start)
                + (quick ? "-quick" : "") + (only.size() < 4 ? "-" + String.join("-", new java.util.TreeSet<>(only)) : "")
                + ".md");
        Files.writeString(file, table);
        log("wrote " + repo.relativize(file) + " in " + Math.round(seconds) + " s");
        deleteTree(work);
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
