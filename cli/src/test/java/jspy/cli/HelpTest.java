package jspy.cli;

import jspy.cli.base.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help and usage errors, run in-process: Main builds only the subcommand it is given. */
class HelpTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"record", "top", "dump", "flamegraph", "diff"})
    void eachSubcommandsHelpIsCleanAndListsTheExitCodes(String name) {
        Run r = run(name, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: jspy " + name), r.out());
        assertTrue(r.out().contains("9     a --fail-if budget was exceeded"), r.out());
        assertEquals("", r.err(), "picocli warned about the help text");
    }

    @Test
    void percentSignsInHelpArePrintedLiterally() {
        assertTrue(run("record", "--help").out().contains("BUCKET>N% (e.g. 'jdbc>30%')"));
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String name : new String[] {"record", "top", "dump", "flamegraph", "diff", "help"}) {
            assertTrue(r.out().contains("\n  " + name + " "), name + " missing from:\n" + r.out());
        }
        assertTrue(run("help", "dump").out().startsWith("Usage: jspy dump"));
    }

    @Test
    void aMistypedSubcommandIsOneUsageLineWithASuggestion() {
        Run r = run("dupm", "-p", "1");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().startsWith("jspy: Unmatched arguments"), r.err());
        assertTrue(r.err().contains("dump"), "no suggestion: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aSubcommandsUsageErrorNamesThatSubcommand() {
        Run r = run("dump", "--bogus");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("see 'jspy dump --help'"), r.err());
    }
}
