package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * -o's extension picks the format when -f is absent; an -f wins over it, with a warning when the
 * extension names another format; -o - is standard output.
 */
class OutputFilesFormatTest {
    @TempDir
    Path dir;

    @Test
    void theExtensionPicksTheFormat() {
        assertEquals(List.of(Format.COLLAPSED), OutputFiles.formats(Path.of("x.collapsed"), null));
        assertEquals(List.of(Format.COLLAPSED), OutputFiles.formats(Path.of("x.folded"), List.of()));
        assertEquals(List.of(Format.JSON), OutputFiles.formats(Path.of("dir/x.json"), null));
        assertEquals(List.of(Format.SPEEDSCOPE), OutputFiles.formats(Path.of("x.speedscope.json"), null));
        assertEquals(List.of(Format.SPEEDSCOPE), OutputFiles.formats(Path.of("x.speedscope"), null));
        assertEquals(List.of(Format.PPROF), OutputFiles.formats(Path.of("x.PB.GZ"), null));
        assertEquals(List.of(Format.SVG), OutputFiles.formats(Path.of("x.svg"), null));
        assertEquals(List.of(Format.HTML), OutputFiles.formats(Path.of("report.html"), null), "the timeline page");
        assertEquals(List.of(Format.SVG), OutputFiles.formats(Path.of("profile"), null), "no extension: svg");
        assertEquals(List.of(Format.SVG), OutputFiles.formats(null, null));
        assertEquals(List.of(Format.SVG), OutputFiles.formats(Path.of("-"), null));
        assertEquals(List.of(Format.COLLAPSED), OutputFiles.formats(Path.of("-"), List.of(Format.COLLAPSED)));
    }

    /**
     * Each -f against each extension: -f always wins; a warning only where the extension names a
     * format none of -f's fits (a speedscope profile fits .json). Several formats write BASE.EXT each.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "p.json             | speedscope           | p.json                     | none",
        "p.speedscope.json  | speedscope           | p.speedscope.json          | none",
        "p.folded           | collapsed            | p.folded                   | none",
        "p.txt              | collapsed            | p.txt                      | none",
        "p.pb               | pprof                | p.pb                       | none",
        "-                  | json                 | -                          | none",
        "p.svg              | svg,collapsed        | p.svg p.collapsed          | none",
        "p.json             | speedscope,svg       | p.speedscope p.svg         | none",
        "p.collapsed        | svg                  | p.collapsed                | 'p.collapsed' will be written as svg "
            + "(-f wins over the extension, which names collapsed)",
        "p.speedscope.json  | json                 | p.speedscope.json          | 'p.speedscope.json' will be written "
            + "as json (-f wins over the extension, which names speedscope)",
        "p.json             | pprof                | p.json                     | 'p.json' will be written as pprof "
            + "(-f wins over the extension, which names json)",
        "p.pb.gz            | svg                  | p.pb.gz                    | 'p.pb.gz' will be written as svg "
            + "(-f wins over the extension, which names pprof)",
        "p.svg              | speedscope           | p.svg                      | 'p.svg' will be written as speedscope "
            + "(-f wins over the extension, which names svg)",
        "p.speedscope.json  | speedscope,svg       | p.speedscope p.svg         | none",
        "p.folded           | svg,collapsed        | p.svg p.collapsed          | none",
        "p.json             | svg,collapsed        | p.svg p.collapsed          | writing 'p.svg' and 'p.collapsed' for "
            + "-f svg,collapsed; the json that 'p.json' names is not among them",
        "p.svg              | collapsed,json,pprof | p.collapsed p.json p.pb.gz | writing 'p.collapsed', 'p.json' and "
            + "'p.pb.gz' for -f collapsed,json,pprof; the svg that 'p.svg' names is not among them"})
    void anExplicitFormatWinsOverTheExtension(String output, String formats, String written, String warning) {
        List<Format> asked = Arrays.stream(formats.split(",")).map(f -> Format.valueOf(f.toUpperCase())).toList();
        Path out = output.equals("-") ? Path.of("-") : dir.resolve(output);
        StringWriter err = new StringWriter();
        Map<Format, Path> files = OutputFiles.resolve(out, asked, "unused", new PrintWriter(err));
        assertEquals(asked, List.copyOf(files.keySet()), "-f decides");
        assertEquals(Arrays.stream(written.split(" ")).map(w -> w.equals("-") ? w : dir.resolve(w).toString()).toList(),
                files.values().stream().map(Path::toString).toList());
        assertEquals(warning == null ? "" : "jspy: warning: " + warning.replace("'p.", "'" + dir + "/p.") + "\n",
                err.toString());
    }

    @Test
    void withoutOutputTheDefaultBaseIsUsedAndNothingIsWarned() {
        StringWriter err = new StringWriter();
        assertEquals(Map.of(Format.SVG, Path.of("123-now.svg")),
                OutputFiles.resolve(null, List.of(Format.SVG), "123-now", new PrintWriter(err)));
        assertEquals("", err.toString());
    }

    @Test
    void standardOutputTakesOneFormat() {
        JspyException e = assertThrows(JspyException.class,
                () -> OutputFiles.formats(Path.of("-"), List.of(Format.SVG, Format.JSON)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("jspy: -o - writes one format to standard output, got 2 (hint: pass one -f, e.g. -f collapsed "
                + "-o -)", e.oneLine());
    }
}
