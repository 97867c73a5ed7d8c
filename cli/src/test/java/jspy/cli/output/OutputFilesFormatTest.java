package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import org.junit.jupiter.api.Test;

/** -o's extension picks the format when -f is absent; -o - is standard output. */
class OutputFilesFormatTest {
    @Test
    void theExtensionPicksTheFormat() {
        assertEquals(List.of(Format.COLLAPSED), OutputFiles.formats(Path.of("x.collapsed"), null));
        assertEquals(List.of(Format.COLLAPSED), OutputFiles.formats(Path.of("x.folded"), List.of()));
        assertEquals(List.of(Format.JSON), OutputFiles.formats(Path.of("dir/x.json"), null));
        assertEquals(List.of(Format.SPEEDSCOPE), OutputFiles.formats(Path.of("x.speedscope.json"), null));
        assertEquals(List.of(Format.SVG), OutputFiles.formats(Path.of("x.svg"), null));
        assertEquals(List.of(Format.SVG), OutputFiles.formats(Path.of("profile"), null), "no extension: svg");
        assertEquals(List.of(Format.SVG), OutputFiles.formats(null, null));
        assertEquals(List.of(Format.COLLAPSED), OutputFiles.formats(Path.of("-"), List.of(Format.COLLAPSED)));
    }

    @Test
    void anExplicitFormatThatContradictsTheNameIsAnError() {
        JspyException e = assertThrows(JspyException.class,
                () -> OutputFiles.formats(Path.of("x.collapsed"), List.of(Format.SVG)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("contradicts"), e.getMessage());
        assertEquals(List.of(Format.SVG), OutputFiles.formats(Path.of("x.svg"), List.of(Format.SVG)));
    }

    @Test
    void standardOutputTakesOneFormat() {
        JspyException e = assertThrows(JspyException.class,
                () -> OutputFiles.formats(Path.of("-"), List.of(Format.SVG, Format.JSON)));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }
}
