package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jspy flamegraph} as users run it: on a real recording, on other tools' folded files, on bad input. */
class FlamegraphIT {
    @TempDir
    Path dir;

    @Test
    void rendersARealRecordingAndTheNewFormatsAgree() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun rec = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "-o", "p.svg",
                    "-f", "collapsed,speedscope,json");
            assertEquals(0, rec.exitCode(), rec.stderr());
            assertEquals("", app.printed(), "the target printed something");
        }
        JspyRun fg = JspyRun.run(dir, 60, "flamegraph", "p.collapsed", "-o", "f.svg", "--title", "CpuApp");
        assertEquals(0, fg.exitCode(), fg.stderr());
        Recorded.assertWellFormedXml(dir.resolve("f.svg"));
        String svg = Files.readString(dir.resolve("f.svg"));
        List<SvgFrames.Frame> frames = SvgFrames.frames(svg);
        long total = frames.get(0).samples();
        long spin = frames.stream().filter(f -> f.name().startsWith("jspy/testapps/CpuApp"))
                .mapToLong(SvgFrames.Frame::samples).max().orElse(0);
        assertTrue(spin > 0.5 * total, "CpuApp frames hold " + spin + " of " + total + " samples");
        int cpu = SvgFrames.categories(svg).indexOf("cpu");
        SvgFrames.Frame hot = frames.stream().filter(f -> f.name().startsWith("jspy/testapps/CpuApp"))
                .max(Comparator.comparingLong(SvgFrames.Frame::samples)).orElseThrow();
        assertEquals(cpu, hot.category(), "the [cpu] bucket of the collapsed lines is kept: " + hot);
        assertTrue(svg.contains(">CpuApp</text>"), "title");

        // speedscope and json describe the same recording as collapsed.
        ObjectMapper json = new ObjectMapper();
        long collapsedTotal = Files.readAllLines(dir.resolve("p.collapsed")).stream()
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        JsonNode summary = json.readTree(dir.resolve("p.json").toFile());
        assertEquals(collapsedTotal, summary.get("samples").asLong());
        assertTrue(summary.at("/buckets/cpu/percent").asDouble() > 50, summary.toString());
        assertEquals("jspy.testapps.CpuApp", summary.at("/target/mainClass").asText());
        JsonNode speedscope = json.readTree(dir.resolve("p.speedscope").toFile());
        // One profile per thread, named by its thread frame; weights sum to the collapsed samples at
        // the interval asked (each sample is one interval; rateHz is what was achieved).
        double ms = 0;
        for (JsonNode profile : speedscope.at("/profiles")) {
            assertTrue(profile.get("name").asText().matches("\\[.+ tid=\\d+\\]"), profile.get("name").asText());
            for (JsonNode w : profile.at("/weights")) {
                ms += w.asDouble();
            }
        }
        assertTrue(speedscope.at("/profiles").size() > 1, "a profile per thread");
        double rate = summary.get("requestedRateHz").asDouble();
        assertTrue(summary.get("rateHz").asDouble() > 0 && rate <= 100, "rate " + rate);
        assertEquals(collapsedTotal * 1000.0 / rate, ms, 1e-6, rate + " Hz: " + 1000.0 / rate + " ms per sample");
        try (var schema = FlamegraphIT.class.getResourceAsStream("/speedscope/file-format-schema.json")) {
            var errors = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                    .getSchema(schema).validate(speedscope);
            assertTrue(errors.isEmpty(), "speedscope's schema: " + errors);
        }
    }

    @Test
    void classifiesOtherToolsFoldedStacks() throws Exception {
        // async-profiler collapsed (annotated frames) and stackcollapse-perf.pl output: no buckets in the file.
        Files.writeString(dir.resolve("ap.txt"), String.join("\n",
                "java/lang/Thread.run_[j];App.read_[j];sun/nio/ch/NioSocketImpl.read_[j];"
                        + "sun/nio/ch/SocketDispatcher.read0_[j];__GI_read_[k] 30",
                "java/lang/Thread.run_[j];App.spin_[j] 70",
                "java/lang/Thread.run_[j];java/lang/Thread.sleep_[j];JVM_Sleep 500", ""));
        JspyRun fg = JspyRun.run(dir, 60, "flamegraph", "ap.txt", "-o", "ap.svg");
        assertEquals(0, fg.exitCode(), fg.stderr());
        assertTrue(fg.stderr().contains("Samples: 100. Idle samples hidden: 500"), fg.stderr());
        String svg = Files.readString(dir.resolve("ap.svg"));
        List<String> cats = SvgFrames.categories(svg);
        Map<String, Integer> byName = SvgFrames.frames(svg).stream()
                .collect(Collectors.toMap(SvgFrames.Frame::name, SvgFrames.Frame::category, (a, b) -> a));
        assertEquals("socket", cats.get(byName.get("App.read")));
        assertEquals("cpu", cats.get(byName.get("App.spin")));
        assertTrue(!byName.containsKey("JVM_Sleep"), "idle hidden without --idle");

        JspyRun idle = JspyRun.run(dir, 60, "flamegraph", "ap.txt", "-o", "idle.svg", "--idle");
        assertEquals(0, idle.exitCode(), idle.stderr());
        assertEquals(600, SvgFrames.frames(Files.readString(dir.resolve("idle.svg"))).get(0).samples());

        Files.writeString(dir.resolve("perf.folded"), "swapper;secondary_startup_64;do_idle;cpu_idle 40\n"
                + "python3;_start;main;PyRun 60\n");
        JspyRun perf = JspyRun.run(dir, 60, "flamegraph", "perf.folded", "-o", "perf.svg");
        assertEquals(0, perf.exitCode(), perf.stderr());
        Recorded.assertWellFormedXml(dir.resolve("perf.svg"));
    }

    @Test
    void badInputIsOneLineAndADistinctExitCode() throws Exception {
        JspyRun missing = JspyRun.run(dir, 60, "flamegraph", "nope.collapsed", "-o", "x.svg");
        assertEquals(10, missing.exitCode());
        assertEquals("jspy: no such file: nope.collapsed (hint: pass a folded-stack file)\n", missing.stderr());

        Files.writeString(dir.resolve("junk.txt"), "this is not\na folded stack file\n");
        JspyRun junk = JspyRun.run(dir, 60, "flamegraph", "junk.txt", "-o", "x.svg");
        assertEquals(10, junk.exitCode());
        assertEquals(1, junk.stderr().lines().count(), junk.stderr());
        assertTrue(junk.stderr().startsWith("jspy: no stacks in junk.txt (lines skipped: 2 "), junk.stderr());

        Files.writeString(dir.resolve("ok.txt"), "a;b 1\n");
        JspyRun out = JspyRun.run(dir, 60, "flamegraph", "ok.txt", "-o", "no/such/dir/x.svg");
        assertEquals(8, out.exitCode());
        assertEquals(1, out.stderr().lines().count(), out.stderr());
        assertTrue(!Files.exists(dir.resolve("x.svg")));
    }

    /**
     * Same folded file through Brendan Gregg's flamegraph.pl and jspy: every frame flamegraph.pl
     * draws, jspy draws too, with the same samples and width within flamegraph.pl's 0.1 px rounding,
     * and the 0.1 px pruning agrees. (x is not compared: flamegraph.pl puts a frame's self time
     * before its callees, jspy after them.) Test data written here in flamegraph.pl's input style.
     */
    @Test
    void frameWidthsMatchFlamegraphPl() throws Exception {
        Path pl = flamegraphPl();
        StringBuilder folded = new StringBuilder();
        folded.append("main;init;load_config;parse_yaml 1200\n");
        folded.append("main;init;load_config 300\n");
        folded.append("main;serve;accept;tcp_accept 4000\n");
        folded.append("main;serve;handle;parse_request;memcpy 2500\n");
        folded.append("main;serve;handle;parse_request 1500\n");
        folded.append("main;serve;handle;render;format_number 2100\n");
        folded.append("main;serve;handle;render;write_all;send 7000\n");
        folded.append("main;serve;handle;render;write_all;rare_path 1\n"); // 0.05 px: pruned by both
        folded.append("main;serve;handle;log_line 900\n");
        folded.append("gc_thread;collect;mark 3000\n");
        folded.append("gc_thread;collect;sweep 1499\n"); // 24,000 samples in all
        Files.writeString(dir.resolve("in.folded"), folded);

        Process p = new ProcessBuilder("perl", pl.toString(), "--width", "1200", "--minwidth", "0.1", "in.folded")
                .directory(dir.toFile()).redirectOutput(dir.resolve("pl.svg").toFile())
                .redirectError(dir.resolve("pl.err").toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(dir.resolve("pl.err")));
        JspyRun jspy = JspyRun.run(dir, 60, "flamegraph", "in.folded", "-o", "jspy.svg", "--idle");
        assertEquals(0, jspy.exitCode(), jspy.stderr());

        List<String> theirs = plFrames(Files.readString(dir.resolve("pl.svg"), StandardCharsets.UTF_8));
        List<String> ours = new ArrayList<>();
        for (SvgFrames.Frame f : SvgFrames.frames(Files.readString(dir.resolve("jspy.svg")))) {
            ours.add(String.format(Locale.ROOT, "%d %s %d %.3f %.3f", f.depth(), f.name(), f.samples(), f.x(), f.width()));
        }
        assertEquals(20, theirs.size(), "flamegraph.pl frames: " + theirs);
        assertEquals(new TreeSet<>(names(theirs)), new TreeSet<>(names(ours)));
        for (String t : theirs) {
            String[] a = t.split(" ");
            String match = ours.stream().filter(o -> o.split(" ")[0].equals(a[0]) && o.split(" ")[1].equals(a[1]))
                    .findFirst().orElseThrow(() -> new AssertionError("jspy has no frame like " + t + " in " + ours));
            String[] b = match.split(" ");
            assertEquals(a[2], b[2], "samples of " + t);
            assertEquals(Double.parseDouble(a[4]), Double.parseDouble(b[4]), 0.11, "width of " + t + " vs " + match);
            assertEquals(Long.parseLong(a[2]) * 1180.0 / 24000, Double.parseDouble(a[4]), 0.11, "proportional: " + t);
        }
    }

    private static List<String> names(List<String> frames) {
        return frames.stream().map(f -> f.split(" ")[0] + " " + f.split(" ")[1]).toList();
    }

    /** "depth name samples x width" per rect; depth from y, the bottom row ("all") being 0. */
    private static List<String> plFrames(String svg) {
        Matcher m = Pattern.compile("<title>(\\S+) \\(([\\d,]+) samples?, [^<]*</title>\\s*<rect x=\"([-\\d.]+)\" "
                + "y=\"([-\\d.]+)\" width=\"([\\d.]+)\"").matcher(svg);
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            rows.add(new double[] {Long.parseLong(m.group(2).replace(",", "")), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))});
        }
        double bottom = rows.stream().mapToDouble(r -> r[2]).max().orElse(0);
        double row = rows.stream().mapToDouble(r -> bottom - r[2]).filter(d -> d > 0).min().orElse(16);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            out.add(String.format(Locale.ROOT, "%d %s %d %.1f %.1f", Math.round((bottom - r[2]) / row), names.get(i),
                    (long) r[0], r[1], r[3]));
        }
        return out;
    }

    /** Debian's copy: libdevel-nytprof-perl ships Brendan Gregg's flamegraph.pl for nytprofhtml. */
    static final Path DEBIAN = Path.of("/usr/share/perl5/Devel/NYTProf/flamegraph.pl");

    /** flamegraph.pl from $FLAMEGRAPH_PL, the PATH or Debian; failing, not skipping, when it is missing. */
    static Path flamegraphPl() {
        String env = System.getenv("FLAMEGRAPH_PL");
        if (env != null && Files.isRegularFile(Path.of(env))) {
            return Path.of(env);
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, "flamegraph.pl");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        if (Files.isRegularFile(DEBIAN)) {
            return DEBIAN;
        }
        throw new AssertionError("flamegraph.pl not found (" + DEBIAN + ", PATH, $FLAMEGRAPH_PL): "
                + "apt-get install libdevel-nytprof-perl, or put Brendan Gregg's FlameGraph on the PATH");
    }
}
