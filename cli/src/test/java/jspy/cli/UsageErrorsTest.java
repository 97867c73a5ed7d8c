package jspy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jspy.cli.base.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** picocli's type and missing-option errors, as a user types them, come out in jspy's words. */
class UsageErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "record -p 1 -d 10s          | '10s' is not a number of seconds (hint: -d 10)",
        "record -p 1 --duration=ten  | 'ten' is not a number of seconds (hint: -d 10)",
        "top -p 1 --delay 2s         | '2s' is not a number of seconds (hint: --delay 1)",
        "record -p 1 -r 1.5          | '1.5' is not a whole number of samples per second (hint: -r 100)",
        "top -p 1 --sample-limit lots| 'lots' is not a whole number (hint: --sample-limit 100)",
        "diff a b -o d.svg --top x   | 'x' is not a whole number (hint: --top 10)",
        "top -p abc                  | 'abc' is not a PID (hint: -p 1234; find it with jps or pgrep java)",
        "dump --pid 12x              | '12x' is not a PID (hint: -p 1234; find it with jps or pgrep java)",
        "top                         | no target given (hint: pass -p PID; find it with jps or pgrep java)",
        "dump                        | no target given (hint: pass -p PID; find it with jps or pgrep java)"})
    void aValueThatDoesNotParseSaysWhatWasExpected(String commandLine, String message) {
        HelpTest.Run r = HelpTest.run(commandLine.trim().split(" +"));
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("jspy: " + message + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void jspysOwnConvertersKeepTheirMessage() {
        HelpTest.Run r = HelpTest.run("record", "-p", "1", "-f", "pdf");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("unknown format 'pdf', use one of svg, collapsed"), r.err());
        assertTrue(r.err().endsWith("(hint: see 'jspy record --help')\n"), r.err());
    }

    @Test
    void otherUsageErrorsStillPointAtHelp() {
        HelpTest.Run r = HelpTest.run("flamegraph", "in.collapsed");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("jspy: Missing required option: '--output=OUT.svg' (hint: see 'jspy flamegraph --help')\n",
                r.err());
    }

    /**
     * A word where the command belongs: picocli said "Unmatched argument at index 0: 'recrod'";
     * now the closest command (picocli's own suggestion), or the list of them when none is close.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "recrod             | unknown command 'recrod' (hint: did you mean 'record'? see 'jspy --help')",
        "flamegrpah x -o y  | unknown command 'flamegrpah' (hint: did you mean 'flamegraph'? see 'jspy --help')",
        "stop -p 1          | unknown command 'stop' (hint: did you mean 'top'? see 'jspy --help')",
        "bogus              | unknown command 'bogus' (hint: the commands are record, top, dump, flamegraph, diff, "
            + "serve, completions, help; see 'jspy --help')",
        "1234               | unknown command '1234' (hint: the commands are record, top, dump, flamegraph, diff, "
            + "serve, completions, help; see 'jspy --help')",
        "--bogus            | Unknown option: '--bogus' (hint: see 'jspy --help')"})
    void anUnknownCommandIsNamedWithTheClosestOne(String commandLine, String message) {
        HelpTest.Run r = HelpTest.run(commandLine.trim().split(" +"));
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("jspy: " + message + "\n", r.err());
        assertEquals("", r.out());
    }

    /**
     * Bare 'jspy': the usage with every command, then one line, on stderr; exit 2 as py-spy (git
     * exits 1, which jspy keeps for unexpected errors). picocli said only "Missing required subcommand".
     */
    @Test
    void bareJspyPrintsTheUsageWithTheCommandsAndExits2() {
        HelpTest.Run r = HelpTest.run();
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("", r.out(), "stdout stays the user's");
        assertTrue(r.err().startsWith("Usage: jspy [-hV] [COMMAND]\n"), r.err());
        for (String name : new String[] {"record", "top", "dump", "flamegraph", "diff", "serve", "completions", "help"}) {
            assertTrue(r.err().contains("\n  " + name + " "), name + " missing from:\n" + r.err());
        }
        List<String> lines = r.err().lines().toList();
        assertEquals("jspy: no command given (hint: pick one above, e.g. 'jspy top -p PID'; 'jspy help COMMAND' shows "
                + "its options)", lines.get(lines.size() - 1));
    }
}
