package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputTest {
    private static final String STACKS = String.join("\n",
            "[busy tid=2];java/lang/Thread.run;App.spin 600",
            "[reader tid=3];java/lang/Thread.run;App.read;sun/nio/ch/NioSocketImpl.read;sun/nio/ch/SocketDispatcher.read0;__GI_read 300",
            "[sleeper tid=4];java/lang/Thread.run;java/lang/Thread.sleep;JVM_Sleep 1000",
            "[lambda tid=5];java/lang/Thread.run;App$$Lambda$8.0x00007f7744000c30.run;App.spin 100",
            "[jspy-agent tid=6];java/lang/Thread.run;jspy/agent/Session.run;java/lang/Thread.sleep 100",
            "");

    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    private static Profile profile(boolean idle, boolean threads) {
        return new Profile(new TargetInfo(42, "com.acme.Main", "17.0.15"), FoldedFile.parse(STACKS, Set.of()), 3.0,
                100, idle, threads);
    }

    @Test
    void summaryListsShownBucketsLargestFirstWithDecimalPointsInAnyLocale() {
        Locale.setDefault(Locale.GERMANY);
        assertEquals("Wrote flame graph to 'p.svg'. Samples: 1000. cpu 70.0% · socket 30.0%",
                Summary.wrote(Format.SVG, "p.svg", profile(false, false)));
        assertEquals("Wrote flame graph to 'p.svg'. Samples: 2000. idle 50.0% · cpu 35.0% · socket 15.0%",
                Summary.wrote(Format.SVG, "p.svg", profile(true, false)));
    }

    @Test
    void aRecordingIsOneLineListingEveryFileWithTheAchievedRate() {
        Map<Format, Path> files = new LinkedHashMap<>();
        files.put(Format.SVG, Path.of("p.svg"));
        files.put(Format.COLLAPSED, Path.of("p.collapsed"));
        files.put(Format.JSON, Path.of("p.json"));
        assertEquals("Wrote flame graph to 'p.svg', collapsed stacks to 'p.collapsed' and JSON summary to 'p.json'. "
                + "Samples: 1000 at 100 Hz per thread. cpu 70.0% · socket 30.0%", Summary.recorded(files, profile(false, false)));
    }

    @Test
    void aZeroSaysWhy() {
        Profile idleOnly = new Profile(new TargetInfo(42, "M", "17"), FoldedFile.parse("[t tid=1];java/lang/Thread.sleep;"
                + "JVM_Sleep 5\n", Set.of()), 1, 100, false, false);
        assertTrue(Summary.recorded(Map.of(Format.SVG, Path.of("p.svg")), idleOnly)
                .endsWith("Samples: 0 at 100 Hz per thread. All 5 samples were idle (hidden: add --idle to show them)."));
        Profile none = new Profile(new TargetInfo(42, "M", "17"), List.of(), 0.2, 100, false, false, 100, null,
                List.of("the JVM exited before its first sample window closed"));
        assertTrue(Summary.recorded(Map.of(Format.SVG, Path.of("p.svg")), none)
                .endsWith("No thread was sampled: the JVM exited before its first sample window closed."));
    }

    @Test
    void theAgentsOwnThreadIsNeverShown() {
        assertTrue(profile(true, true).samples().stream().noneMatch(s -> s.thread().startsWith("[jspy-agent")));
    }

    @Test
    void aFileNameWithControlCharactersIsShownEscaped() {
        assertEquals("Wrote flame graph to 'p\\e[2J\\r.svg'. Samples: 1000. cpu 70.0% · socket 30.0%",
                Summary.wrote(Format.SVG, "p\u001b[2J\r.svg", profile(false, false)));
    }

    @Test
    void zeroSamplesSayZero() {
        Profile empty = new Profile(new TargetInfo(42, "", ""), List.of(), 1.0, 100, false, false);
        assertEquals("Wrote flame graph to 'p.svg'. Samples: 0.", Summary.wrote(Format.SVG, "p.svg", empty));
    }

    @Test
    void collapsedLinesStartWithTheBucketAndMergeNormalizedStacks() throws Exception {
        StringWriter out = new StringWriter();
        new CollapsedFormat().write(profile(false, false), out);
        assertEquals(String.join("\n",
                "[cpu];java/lang/Thread.run;App.spin 600",
                "[socket];java/lang/Thread.run;App.read;sun/nio/ch/NioSocketImpl.read;sun/nio/ch/SocketDispatcher.read0;__GI_read 300",
                "[cpu];java/lang/Thread.run;App$$Lambda.run;App.spin 100", ""), out.toString());

        StringWriter withThreads = new StringWriter();
        new CollapsedFormat().write(profile(true, true), withThreads);
        assertTrue(withThreads.toString().contains("[idle];[sleeper tid=4];java/lang/Thread.run;java/lang/Thread.sleep;JVM_Sleep 1000\n"));
    }

    @Test
    void svgSubtitleIsLocaleIndependent() {
        Locale.setDefault(Locale.GERMANY);
        assertEquals("wall-clock · 100 Hz · 3.0 s · 1,000 samples", SvgFormat.subtitle(profile(false, false)));
    }
}
