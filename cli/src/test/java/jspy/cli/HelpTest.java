package jspy.cli;

import jspy.cli.base.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Help and usage errors, run in-process: Main builds only the subcommand it is given. */
class HelpTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
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
    @CsvSource({"record, 0 1 2 3 4 5 6 7 8 9 127 other", "top, 0 1 2 3 4 5 6 7", "dump, 0 1 2 3 4 5 6 7 8",
        "flamegraph, 0 1 2 8 10", "diff, 0 1 2 8 10", "completions, 0 1 2"})
    void eachSubcommandsHelpListsOnlyTheExitCodesItCanReturn(String name, String codes) {
        Run r = run(name, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: jspy " + name), r.out());
        assertEquals("", r.err(), "picocli warned about the help text");
        String list = r.out().substring(r.out().indexOf("\nExit codes:\n") + "\nExit codes:\n".length());
        assertEquals(codes, list.lines().map(l -> l.trim().split(" ")[0]).collect(Collectors.joining(" ")), r.out());
        assertTrue(list.matches("(?s)  0 +success\n  1 +unexpected error.*"), list);
    }

    @Test
    void topAndDumpTakeThePidAloneToo() {
        // jspy top 1234 and jspy dump 1234, like jstack and asprof; -p PID still works
        for (String name : new String[] {"top", "dump"}) {
            String help = run(name, "--help").out();
            String synopsis = help.substring(0, help.indexOf("[PID]") + "[PID]".length()).replaceAll("\\s+", " "); // may wrap
            assertTrue(synopsis.startsWith("Usage: jspy " + name + " ") && synopsis.contains(" [-p=PID] "), synopsis);
        }
        // record launches a command instead when no -p is given
        assertTrue(run("record", "--help").out().contains("[-p=PID]"));
    }

    @ParameterizedTest
    @CsvSource({"top -p 1 2, two PIDs given: -p 1 and 2 (hint: give one)", "top 0, invalid PID 0 (hint: a PID is a positive number)",
        "dump -p 3 4, two PIDs given: -p 3 and 4 (hint: give one)"})
    void thePidIsCheckedTheSameWayEverywhere(String commandLine, String message) {
        Run r = run(commandLine.split(" "));
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("jspy: " + message + "\n", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flamegraph", "diff"})
    void filesOnlyCommandsDoNotMentionAttaching(String name) {
        String help = run(name, "--help").out().toLowerCase(Locale.ROOT);
        assertFalse(help.contains("attach") || help.contains("pid"), help);
    }

    @Test
    void percentSignsInHelpArePrintedLiterally() {
        assertTrue(run("record", "--help").out().contains("BUCKET>N% (e.g. 'jdbc>30%')"));
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String name : new String[] {"record", "top", "dump", "flamegraph", "diff", "completions", "help"}) {
            assertTrue(r.out().contains("\n  " + name + " "), name + " missing from:\n" + r.out());
        }
        assertTrue(run("help", "dump").out().startsWith("Usage: jspy dump"));
    }

    @Test
    void aMistypedSubcommandIsOneUsageLineWithASuggestion() {
        Run r = run("dupm", "-p", "1");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("jspy: unknown command 'dupm' (hint: did you mean 'dump'? see 'jspy --help')\n", r.err());
    }

    @Test
    void aSubcommandsUsageErrorNamesThatSubcommand() {
        Run r = run("dump", "-p", "1", "--bogus");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("see 'jspy dump --help'"), r.err());
    }
}
