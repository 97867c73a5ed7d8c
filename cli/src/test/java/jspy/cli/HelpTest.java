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
    void pidShowsAsRequiredWhereItIs() {
        String top = run("top", "--help").out();
        String synopsis = top.substring(0, Math.max(0, top.indexOf("\nLive view"))).replaceAll("\\s+", " "); // may wrap
        assertTrue(synopsis.startsWith("Usage: jspy top ") && synopsis.contains(" -p=PID ") && !synopsis.contains("[-p=PID]"),
                "top's -p is required: " + synopsis);
        // dump takes -p PID or the PID alone (jspy dump 1234), like jstack
        assertTrue(run("dump", "--help").out().matches("(?s)Usage: jspy dump [^\\n]*\\[-p=PID] \\[PID]\\n.*"),
                run("dump", "--help").out());
        // record launches a command instead when no -p is given
        assertTrue(run("record", "--help").out().contains("[-p=PID]"));
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
