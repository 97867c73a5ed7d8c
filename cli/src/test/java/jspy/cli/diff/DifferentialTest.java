package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import jspy.flamegraph.FrameStyle;
import org.junit.jupiter.api.Test;

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

    @Test
    void sharesAreComparedAfterNormalisingTotalsAndIgnoringIdleAndTids() {
        Differential d = diff();
        assertEquals(700, d.baseTotal());
        assertEquals(400, d.newTotal());
        // parse: 200/700 = 28.57% -> 200/400 = 50%: +21.43 pp; render 71.43% -> 50%: -21.43 pp.
        List<Differential.Change> regressions = d.regressions(10);
        assertEquals(1, regressions.size());
        assertEquals("+21.4 pp Parser.parse", regressions.get(0).line());
    }

    @Test
    void growthIsRedShrinkageBlueUnchangedGreyAndTooltipsCarryBothCounts() {
        FrameStyle style = diff().style();
        FrameStyle.Look parse = style.look(List.of("[main]", "Main.run", "Parser.parse"), 200);
        assertEquals("#ff0000", parse.color(), "the largest change is the deepest colour");
        assertEquals("base 200 samples 28.57%, new 200 samples 50.00%, +21.43 pp", parse.note());
        assertEquals("#0000ff", style.look(List.of("[main]", "Main.run", "Renderer.render"), 200).color());
        assertEquals("#dcdcdc", style.look(List.of("[main]", "Main.run"), 400).color(), "100% in both");
        assertNotNull(style.look(List.of("[main]", "Main.run", "New.frame"), 0));
    }

    @Test
    void smallChangesStayPale() {
        // 220 * (1 - 0.12) = 194 = 0xc2: below MIN_SCALE_PP a change never gets the deepest red.
        assertEquals("#ffc2c2", Differential.color(0.12, Differential.MIN_SCALE_PP));
        assertEquals("#6e6eff", Differential.color(-0.5, 1.0));
        assertEquals("#ff0000", Differential.color(7, 5));
    }

    @Test
    void treeShapeIsNewsAndItsLegendSplitsGrewFromShrank() {
        var tree = diff().tree();
        assertEquals(400, tree.total());
        assertEquals(200, tree.total(0));
        assertEquals(200, tree.total(1));
    }
}
