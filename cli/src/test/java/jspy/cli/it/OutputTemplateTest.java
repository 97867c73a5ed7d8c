package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputTemplateTest {
    private static boolean matches(String template, String output) {
        return new OutputTemplate(template).matches(output);
    }

    @Test
    void numbersHashesAndColumnSpacingVaryLiteralTextDoesNot() {
        String template = "Wrote flame graph to 'profile.svg'. Samples: 1866 at 98 Hz per thread. poll 53.6% · …";
        assertTrue(matches(template, "Wrote flame graph to 'profile.svg'. Samples: 12,034 at 97.1 Hz per thread. "
                + "poll 4.0% · cpu 1%"));
        assertFalse(matches(template, "Wrote flame graph to 'p.svg'. Samples: 1866 at 98 Hz per thread. poll 53.6% · x"));
        assertFalse(matches(template, "Wrote flame graph to 'profile.svg'. Samples: 1866 at 98 Hz per thread. cpu 53.6%"));
        assertTrue(matches("    waiting for java.lang.Object@3a4f6830 held by #12 \"h\"",
                "    waiting for java.lang.Object@1b2c3d held by #7 \"h\""));
        assertTrue(matches("  53.4%    53.4%  poll    a.B.c", "   4.5%     4.5%  poll    a.B.c   "));
        assertFalse(matches("  53.4%  poll", "  53.4%  socket"));
        assertFalse(matches("Java 17.0.15, 12 threads", "Java 17.0.15 12 threads"), "punctuation is literal");
    }

    @Test
    void linesFollowOneAnotherUnlessAnEllipsisLineSkipsSome() {
        String template = "Thread #1 \"main\"\n    a.b(A.java:1)\n…\nThread #14 \"waiter\"";
        assertTrue(matches(template, "Process 9\n\nThread #1 \"main\"\n    a.b(A.java:3)\n    c.d\n\nThread #15 \"waiter\"\nmore"));
        assertTrue(matches(template, "Thread #1 \"main\"\n    a.b(A.java:3)\nThread #15 \"waiter\""));
        assertFalse(matches(template, "Thread #1 \"main\"\n    c.d\n    a.b(A.java:3)\nThread #15 \"waiter\""));
        assertFalse(matches(template, "Thread #15 \"waiter\"\nThread #1 \"main\"\n    a.b(A.java:3)"));
        assertFalse(matches("a\n\nb", "a\nb"), "a blank line is a line");
    }

    @Test
    void aMismatchShowsBoth() {
        AssertionError e = assertThrows(AssertionError.class, () -> OutputTemplate.assertMatches("x", "a 1", "b 2"));
        assertTrue(e.getMessage().contains("a 1") && e.getMessage().contains("b 2"), e.getMessage());
    }
}
