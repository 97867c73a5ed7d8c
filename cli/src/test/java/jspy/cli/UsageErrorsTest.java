package jspy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
