package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The subcommands that need no target, from the unpacked tarball with no java on PATH:
 * flamegraph (a JDK Flight Recorder file through async-profiler's converter, then folded stacks to
 * SVG), diff, and completions sourced into a real bash.
 */
class InstallTarballFilesIT {
    @Test
    void flamegraphReadsAJfrRecordingAndRendersFoldedStacks() throws Exception {
        Tarball tarball = Tarball.unpacked();
        Path work = tarball.work("flamegraph");
        Path jfr = work.resolve("app.jfr");
        try (TargetApp app = TargetApp.start(17, "CpuApp", work,
                "-XX:StartFlightRecording:duration=3s,settings=profile,filename=" + jfr)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!(Files.exists(jfr) && Files.size(jfr) > 0) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1000); // the JDK writes the file in one go at the end; let it finish
        }
        CleanShell.Result convert = tarball.jspy(work, Map.of(), "flamegraph", jfr.toString(), "-o", "app.collapsed",
                "-f", "collapsed,pprof");
        assertEquals(0, convert.code(), convert.err());
        String raw = GoPprof.run(work, "-raw", work.resolve("app.pb.gz").toString());
        assertTrue(raw.contains("jspy/testapps/CpuApp.spin"), raw);

        CleanShell.Result svg = tarball.jspy(work, Map.of(), "flamegraph", "app.collapsed", "-o", "app.svg");
        assertEquals(0, svg.code(), svg.err());
        assertTrue(svg.err().contains("Wrote flame graph to 'app.svg'"), svg.err());
        Recorded.assertWellFormedXml(work.resolve("app.svg"));
        List<String> names = SvgFrames.names(Files.readString(work.resolve("app.svg")));
        assertTrue(names.contains("jspy/testapps/CpuApp.spin"), names.toString());
    }

    @Test
    void diffListsWhatGrewAndShrank() throws Exception {
        Tarball tarball = Tarball.unpacked();
        Path work = tarball.work("diff");
        Files.writeString(work.resolve("main.collapsed"), String.join("\n",
                "[cpu];[http-1 tid=11];java/lang/Thread.run;com/acme/Parser.parse 200",
                "[cpu];[http-1 tid=11];java/lang/Thread.run;com/acme/Renderer.render 800", ""));
        Files.writeString(work.resolve("pr.collapsed"), String.join("\n",
                "[cpu];[http-1 tid=31];java/lang/Thread.run;com/acme/Parser.parse 500",
                "[cpu];[http-1 tid=31];java/lang/Thread.run;com/acme/Renderer.render 500", ""));
        CleanShell.Result diff = tarball.jspy(work, Map.of(), "diff", "main.collapsed", "pr.collapsed", "-o",
                "diff.svg");
        assertEquals(0, diff.code(), diff.err());
        assertEquals(List.of("Frames whose self share grew beyond noise (percentage points of all samples):",
                "+30.0 pp com/acme/Parser.parse",
                "Frames whose self share shrank beyond noise:",
                "-30.0 pp com/acme/Renderer.render"), diff.out().lines().toList());
        Recorded.assertWellFormedXml(work.resolve("diff.svg"));
        List<String> names = SvgFrames.names(Files.readString(work.resolve("diff.svg")));
        assertTrue(names.contains("com/acme/Parser.parse"), names.toString());
    }

    @Test
    void completionsComplete() throws Exception {
        Tarball tarball = Tarball.unpacked();
        Path work = tarball.work("completions");
        CleanShell.Result script = tarball.jspy(work, Map.of(), "completions", "bash");
        assertEquals(0, script.code(), script.err());
        Files.writeString(work.resolve("jspy.bash"), script.out());
        // bash calls the registered function on Tab with COMP_WORDS and COMP_CWORD set.
        Files.writeString(work.resolve("driver.bash"), String.join("\n",
                "source jspy.bash",
                "fn=$(complete -p jspy); fn=${fn#*-F }; fn=${fn%% *}",
                "COMP_WORDS=(jspy fl); COMP_CWORD=1; COMP_LINE='jspy fl'; COMP_POINT=7",
                "\"$fn\" jspy fl jspy 2>/dev/null; echo \"sub: ${COMPREPLY[*]}\"",
                "COMP_WORDS=(jspy record -f sp); COMP_CWORD=3; COMP_LINE='jspy record -f sp'; COMP_POINT=17",
                "\"$fn\" jspy sp -f 2>/dev/null; echo \"format: ${COMPREPLY[*]}\"", ""));
        CleanShell.Result bash = tarball.shell.run(work, Map.of(), 60, List.of("bash", "--norc", "--noprofile",
                "driver.bash"));
        assertEquals(0, bash.code(), bash.err());
        assertEquals(List.of("sub: flamegraph", "format: speedscope"), bash.out().lines().toList(), bash.err());
    }
}
