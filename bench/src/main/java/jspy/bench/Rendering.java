package jspy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time, peak RSS and output size of flame-graph rendering on generated folded files, each round
 * running every renderer on every size in turn.
 */
final class Rendering {
    /** The launcher's JVM flags: what a user of ./jspy gets. */
    static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseParallelGC", "-Xss1m"); // as ./jspy

    record Key(String renderer, int stacks) {
    }

    private final Env env;
    final List<Integer> sizes;
    final Map<Integer, Path> inputs = new LinkedHashMap<>();
    final Map<Key, Stats> millis = new LinkedHashMap<>();
    final Map<Key, Stats> rssKb = new LinkedHashMap<>();
    final Map<Key, Stats> outBytes = new LinkedHashMap<>();
    final Map<Key, Stats> parseMillis = new LinkedHashMap<>();
    final List<String> renderers = new ArrayList<>();
    private final boolean jitComparison;

    Rendering(Env env, List<Integer> sizes, boolean jitComparison) {
        this.env = env;
        this.sizes = sizes;
        this.jitComparison = jitComparison;
        // Direct rendering (no CLI) stood in while 'jspy flamegraph' did not exist; now only --big.
        if (!env.flamegraphBuilt || jitComparison) {
            renderers.add("renderer direct (FoldedFile + SvgFormat, launcher JVM flags)");
        }
        if (jitComparison) {
            renderers.add("renderer direct (FoldedFile + SvgFormat, default JIT and GC)");
        }
        if (env.flamegraphBuilt) {
            renderers.add("jspy flamegraph");
        }
        if (env.flamegraphPl != null) {
            renderers.add("flamegraph.pl");
        }
    }

    void setUp() throws Exception {
        Path dir = env.work.resolve("render");
        Files.createDirectories(dir);
        for (int n : sizes) {
            Path f = dir.resolve(n + ".folded");
            GenFolded.write(f, n, 42);
            inputs.put(n, f);
            Harness.log(String.format("  generated %,d stacks: %,d bytes", n, Files.size(f)));
        }
    }

    void round(int r) throws Exception {
        Path dir = env.work.resolve("render/round-" + r);
        Files.createDirectories(dir);
        for (int n : sizes) {
            for (String renderer : renderers) {
                if ((renderer.contains("default JIT") || renderer.equals("flamegraph.pl") && !jitComparison)
                        && n != 100_000) {
                    continue; // the goal's comparison point only: flamegraph.pl at 10k alone took 27 s of 5 rounds
                }
                Key key = new Key(renderer, n);
                Path out = dir.resolve(n + "-" + renderers.indexOf(renderer) + ".svg");
                Path time = dir.resolve("time");
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", time.toString()));
                cmd.addAll(command(renderer, inputs.get(n), out));
                Proc.Result res = Proc.run(cmd, dir, "render", 900);
                Stats t = millis.computeIfAbsent(key, k -> new Stats());
                if (res.exit() != 0 || !Files.exists(out)) {
                    t.fail("exit " + res.exit() + ": " + Proc.firstLine(res.stderr() + res.stdout()));
                    continue;
                }
                t.add(res.millis());
                String[] tf = Files.readString(time).strip().split("\\s+");
                rssKb.computeIfAbsent(key, k -> new Stats()).add(Double.parseDouble(tf[tf.length - 1]));
                outBytes.computeIfAbsent(key, k -> new Stats()).add(Files.size(out));
                if (renderer.startsWith("renderer direct")) {
                    String[] f = res.stdout().strip().split(" ");
                    parseMillis.computeIfAbsent(key, k -> new Stats()).add(Double.parseDouble(f[0]));
                }
                Files.delete(out);
            }
        }
    }

    private List<String> command(String renderer, Path in, Path out) {
        List<String> cmd = new ArrayList<>();
        if (renderer.equals("jspy flamegraph")) {
            return env.jspyCommand("flamegraph", in.toString(), "-o", out.toString());
        }
        if (renderer.equals("flamegraph.pl")) {
            return List.of("sh", "-c", "'" + env.flamegraphPl + "' '" + in + "' > '" + out + "'");
        }
        cmd.add(env.java.toString());
        if (renderer.contains("launcher")) {
            cmd.addAll(LAUNCHER_FLAGS);
        }
        cmd.addAll(List.of("-cp", env.benchClasspath, "jspy.bench.Render", in.toString(), out.toString()));
        return cmd;
    }
}
