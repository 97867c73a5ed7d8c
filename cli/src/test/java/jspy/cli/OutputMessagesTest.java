package jspy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import jspy.cli.base.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What flamegraph and diff say about an output they cannot write, through the real command line
 * and the real file system (issue 23, item 10): one line, a hint, exit 2 or 8, and no file.
 */
class OutputMessagesTest {
    @TempDir
    static Path dir;
    static Path in;

    @BeforeAll
    static void folded() throws Exception {
        in = Files.writeString(dir.resolve("in.collapsed"), "[cpu];[main tid=1];Main.run;A.a 3\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // -o /proc/x.svg named the probe: "cannot write /proc/x.svg: /proc/.jspy-probe-2612935837974223189.tmp"
        "OUTPUT | flamegraph IN -o /proc/x.svg | cannot write '/proc/x.svg': No such file or directory (hint: directory "
            + "'/proc' takes no new files; pick another -o; nothing was recorded yet)",
        "OUTPUT | diff IN IN -o /sys/x.svg     | cannot write '/sys/x.svg': Permission denied (hint: directory '/sys' takes "
            + "no new files; pick another -o; nothing was recorded yet)",
        // "folded input renders as svg only, not [pprof] (hint: write OUT.svg; ...)" said no why
        "USAGE | flamegraph IN -o @out.pb.gz   | folded stacks render as svg only, not pprof: they hold sample counts but no "
            + "sampling rate, and pprof measures time (hint: -o OUT.svg; for pprof, pass a .jfr recording or record "
            + "with -f pprof)",
        "USAGE | flamegraph IN -f svg,json,speedscope -o @out | folded stacks render as svg only, not json,speedscope: they "
            + "hold sample counts but no sampling rate, and json,speedscope measure time (hint: -o OUT.svg; for "
            + "json,speedscope, pass a .jfr recording or record with -f json,speedscope)",
        "USAGE | flamegraph IN -o @out.folded  | folded stacks render as svg only, not collapsed: the input is collapsed "
            + "stacks already (hint: -o OUT.svg)"})
    void anOutputThatCannotBeWrittenIsOneLineWithAHint(ExitCode code, String commandLine, String message) {
        String[] args = commandLine.trim().replace("IN", in.toString()).replace("@out", dir + "/out")
                .split(" +");
        HelpTest.Run r = HelpTest.run(args);
        assertEquals(code.code(), r.code(), r.err());
        assertEquals("jspy: " + message + "\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(Path.of("/proc/x.svg")) || Files.exists(dir.resolve("out.pb.gz"))
                || Files.exists(dir.resolve("out.svg")), "nothing written");
    }
}
