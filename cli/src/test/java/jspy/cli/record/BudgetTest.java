package jspy.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static final Profile PROFILE = new Profile(new TargetInfo(1, "App", "17"), FoldedFile.parse(String.join("\n",
            "[a tid=1];java/lang/Thread.run;com/acme/Parser.parse;com/acme/Lexer.next 30",
            "[a tid=1];java/lang/Thread.run;com/acme/Render.draw 30",
            "[b tid=2];App.query;org/h2/jdbc/JdbcStatement.execute;sun/nio/ch/SocketDispatcher.read0 40",
            "[c tid=3];java/lang/Thread.sleep;JVM_Sleep 500", ""), Set.of()), 1, 100, false, false);

    @Test
    void bucketShareIsOfTheShownSamples() {
        assertEquals(40.0, Budget.parse("jdbc>30%").measure(PROFILE), 1e-9);
        assertEquals("jdbc 40.0% > 30%", Budget.parse("jdbc>30%").violation(PROFILE));
        assertNull(Budget.parse("jdbc>40%").violation(PROFILE));
        assertNull(Budget.parse("lock>5%").violation(PROFILE));
    }

    @Test
    void methodBudgetsCountStacksContainingTheMethodInThatBucket() {
        Budget parse = Budget.parse("cpu:com.acme.Parser.parse>10%");
        assertEquals(Bucket.CPU, parse.bucket());
        assertEquals(30.0, parse.measure(PROFILE), 1e-9);
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("cpu:com.acme.Parser.parse 30.0% > 10%", parse.violation(PROFILE));
            assertEquals("cpu:com.acme.Parser.parse 30.0% > 2.5%", Budget.parse(" cpu:com/acme/Parser.parse > 2.5% ")
                    .violation(PROFILE));
        } finally {
            Locale.setDefault(Locale.ROOT);
        }
    }

    @Test
    void badBudgetsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budget.parse("jdbc 30")).getMessage()
                .contains("BUCKET>N%"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budget.parse("disk>3%")).getMessage()
                .contains("unknown bucket 'disk'"));
    }

    @Test
    void budgetsThatCanNeverFireAreRejected() {
        for (String never : new String[] {"jdbc>150%", "jdbc>100%", "cpu:com.acme.Parser.parse>100.0%"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> Budget.parse(never), never).getMessage();
            assertTrue(message.contains("can never be exceeded"), message);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budget.parse("jdbc>-5%")).getMessage()
                .contains("no limit between 0 and 100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budget.parse("jdbc>=100%")).getMessage()
                .contains("only '>' is accepted"));
        assertEquals(99.9, Budget.parse("jdbc>99.9%").maxPercent(), 1e-9);
        assertEquals("jdbc 40.0% > 0%", Budget.parse("jdbc>0%").violation(PROFILE));
    }
}
