package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jspy.flamegraph.FrameStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DifferentialTest {
    // BASE 1000 samples: parse 20%, render 50%, idle sleep 30% (left out). NEW 400: parse 50%, render 50%.
    private static final String BASE = String.join("\n",
            "[cpu];[main tid=1];Main.run;Parser.parse 200",
            "[cpu];[main tid=1];Main.run;Renderer.render 500",
            "[idle];[sleeper tid=2];java/lang/Thread.sleep 300", "");
    private static final String NEW = String.join("\n",
            "[cpu];[main tid=9];Main.run;Parser.parse 200",
            "[cpu];[main tid=9];Main.run;Renderer.render 200", "");

    private static Differential diff() {
        return new Differential(FoldedFile.parse(BASE), FoldedFile.parse(NEW), false);
    }

    /** 10,000 samples a side, Main.run;A.a with a samples of them in BASE and b in NEW, the rest Main.run;B.b. */
    private static Differential ab(int a, int b) {
        return new Differential(FoldedFile.parse("[cpu];Main.run;A.a " + a + "\n[cpu];Main.run;B.b " + (10_000 - a)),
                FoldedFile.parse("[cpu];Main.run;A.a " + b + "\n[cpu];Main.run;B.b " + (10_000 - b)), false);
    }

    @Test
    void sharesAreComparedAfterNormalisingTotalsAndIgnoringIdleAndTids() {
        Differential d = diff();
        assertEquals(700, d.baseTotal());
        assertEquals(400, d.newTotal());
        // parse: 200/700 = 28.57% -> 200/400 = 50%: +21.43 pp; render 71.43% -> 50%: -21.43 pp; z = ±5.03.
        assertEquals(List.of("+21.4 pp Parser.parse"), d.grew(10).stream().map(Differential.Change::line).toList());
        assertEquals(List.of("-21.4 pp Renderer.render"), d.shrank(10).stream().map(Differential.Change::line).toList());
        assertEquals(0, d.withinNoise());
    }

    @Test
    void aChangeWithinNoiseIsGreyAndUnlistedWhileARealOneIsColouredAndListed() {
        // 10% -> 11% of 10,000 a side: raw z = 2.30 (p < 0.05 for independent samples), 1.63 on half the
        // counts: noise for correlated samples. 10% -> 12.5%: z = 3.96 on half the counts, beyond noise.
        Differential noise = ab(1_000, 1_100);
        assertEquals(1.63, noise.significance().z(1_000, 1_100), 0.01);
        FrameStyle.Look a = noise.style().look(List.of("Main.run", "A.a"), 1_100);
        assertEquals(Differential.GREY, a.color());
        assertEquals("base 1,000 samples 10.00%, new 1,100 samples 11.00%, +1.00 pp, within noise", a.note());
        assertEquals(List.of(), noise.grew(10));
        assertEquals(List.of(), noise.shrank(10));
        assertEquals(2, noise.withinNoise(), "A.a and B.b changed, within noise");
        assertEquals(10_000, noise.tree().total(2), "every stack within noise");

        Differential real = ab(1_000, 1_250);
        assertEquals(3.96, real.significance().z(1_000, 1_250), 0.01);
        // 2.5 pp of the 10 pp deepest: 200 * (1 - 0.25) = 150 = 0x96.
        assertEquals("#ff9696", real.style().look(List.of("Main.run", "A.a"), 1_250).color());
        assertEquals("#9696ff", real.style().look(List.of("Main.run", "B.b"), 8_750).color());
        assertEquals(List.of("+2.5 pp A.a"), real.grew(10).stream().map(Differential.Change::line).toList());
        assertEquals(List.of("-2.5 pp B.b"), real.shrank(10).stream().map(Differential.Change::line).toList());
        assertEquals(1_250, real.tree().total(0));
        assertEquals(8_750, real.tree().total(1));
    }

    @Test
    void twoPointsOnOneSideOfASmallProfileIsNoRedTower() {
        // 500 samples a side, A.a 50% -> 52%: the "+1.9 pp, fully red tower" case, z = 0.6.
        Differential d = new Differential(FoldedFile.parse("[cpu];Main.run;A.a 250\n[cpu];Main.run;B.b 250"),
                FoldedFile.parse("[cpu];Main.run;A.a 260\n[cpu];Main.run;B.b 240"), false);
        assertEquals(Differential.GREY, d.style().look(List.of("Main.run", "A.a"), 260).color());
        assertEquals(Differential.GREY, d.style().look(List.of("Main.run", "B.b"), 240).color());
        assertEquals(500, d.tree().total(2));
    }

    @Test
    void growthIsRedShrinkageBlueUnchangedGreyAndTooltipsCarryBothCounts() {
        FrameStyle style = diff().style();
        FrameStyle.Look parse = style.look(List.of("[main]", "Main.run", "Parser.parse"), 200);
        assertEquals("#ff0000", parse.color(), "the largest change, over 10 pp, is the deepest colour");
        assertEquals("base 200 samples 28.57%, new 200 samples 50.00%, +21.43 pp, beyond noise", parse.note());
        assertEquals("#0000ff", style.look(List.of("[main]", "Main.run", "Renderer.render"), 200).color());
        assertEquals(Differential.GREY, style.look(List.of("[main]", "Main.run"), 400).color(), "100% in both");
        assertNotNull(style.look(List.of("[main]", "Main.run", "New.frame"), 0));
    }

    @Test
    void smallSignificantChangesStayPaleButNeverGrey() {
        // 200 * (1 - 0.012) = 198 = 0xc6: below MIN_SCALE_PP a change never gets the deepest red.
        assertEquals("#ffc6c6", Differential.color(0.12, Differential.MIN_SCALE_PP, true));
        assertEquals("#6464ff", Differential.color(-5, 10, true));
        assertEquals("#ff0000", Differential.color(7, 5, true));
        assertEquals(Differential.GREY, Differential.color(20, 10, false), "within noise, however large");
    }

    @Test
    void framesOnlyInBaseAreListedAsShrunk() {
        Differential d = new Differential(
                FoldedFile.parse("[cpu];Main.run;Old.gone 300\n[cpu];Main.run;Kept.work 700"),
                FoldedFile.parse("[cpu];Main.run;Kept.work 500\n[cpu];Main.run;Fresh.work 500"), false);
        assertEquals(List.of("-30.0 pp Old.gone (only in BASE)", "-20.0 pp Kept.work"),
                d.shrank(10).stream().map(Differential.Change::line).toList());
        assertEquals(List.of("+50.0 pp Fresh.work (only in NEW)"),
                d.grew(10).stream().map(Differential.Change::line).toList());
        assertEquals(List.of("-30.0 pp Old.gone (only in BASE)"),
                d.shrank(1).stream().map(Differential.Change::line).toList(), "the largest first");
    }

    @Test
    void treeShapeIsNewsAndItsLegendSplitsGrewShrankAndNoise() {
        var tree = diff().tree();
        assertEquals(400, tree.total());
        assertEquals(200, tree.total(0));
        assertEquals(200, tree.total(1));
        assertEquals(List.of("grew", "shrank", "within noise"),
                tree.categories().stream().map(c -> c.name()).toList());
    }

    /**
     * A socket read that went away, in real JDK stacks (plain and with async-profiler's frame-type
     * suffixes): its self share is SocketDispatcher.read0's, the Java method top's %Own charges, not
     * the libc __GI_read below it. BASE: T-busy and T-sockread; NEW: T-busy alone.
     */
    @ParameterizedTest
    @CsvSource({"17, 50.1", "25, 50.0"}) // T-sockread 600 of 1,198 samples on 17, 602 of 1,204 on 25
    void aSocketReadsSelfChangeIsChargedToTheJavaMethodNotLibc(int jdk, String share) throws IOException {
        String file = "situations-jdk" + jdk;
        Differential d = new Differential(FoldedFile.parse(threads(file, "T-busy", "T-sockread")),
                FoldedFile.parse(threads(file, "T-busy")), false);
        assertEquals(List.of("-" + share + " pp sun/nio/ch/SocketDispatcher.read0 (only in BASE)"), lines(d.shrank(10)));
        assertEquals(List.of("+" + share + " pp Target.busy"), lines(d.grew(10)));
    }

    /**
     * With --idle, a GC thread that went away: no Java frame, so its native leaf owns it, while
     * threads parked below Java code (Common-Cleaner, main) are charged to their Java frames. By
     * their leaves all three were __futex_abstimed_wait_common and nothing changed.
     */
    @ParameterizedTest
    @CsvSource({"17, java/lang/Object.wait, java/lang/Thread.sleep",
        "25, java/lang/Object.wait0, java/lang/Thread.sleepNanos0"})
    void aThreadWithoutJavaFramesKeepsItsNativeLeaf(int jdk, String cleaner, String main) throws IOException {
        String file = "h2-jdbc-jdk" + jdk;
        Differential d = new Differential(FoldedFile.parse(threads(file, "GC Thread#0", "Common-Cleaner", "main")),
                FoldedFile.parse(threads(file, "Common-Cleaner", "main")), true);
        assertEquals(List.of("-33.3 pp __futex_abstimed_wait_common (only in BASE)"), lines(d.shrank(10)));
        assertEquals(List.of("+16.7 pp " + cleaner, "+16.7 pp " + main), lines(d.grew(10)));
    }

    /** The lines of these threads in a recorded file of src/test/resources/stacks. */
    private static String threads(String file, String... names) throws IOException {
        try (InputStream in = DifferentialTest.class.getResourceAsStream("/stacks/" + file + ".collapsed")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String picked = text.lines().filter(l -> Arrays.stream(names).anyMatch(n -> l.startsWith("[" + n + " tid=")))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertEquals(names.length, picked.lines().map(l -> l.substring(0, l.indexOf(']'))).distinct().count(),
                    "a thread missing from " + file);
            return picked;
        }
    }

    private static List<String> lines(List<Differential.Change> changes) {
        return changes.stream().map(Differential.Change::line).toList();
    }
}
