package jspy.cli.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("\\e[2J\\e]0;owned\\u0007x\\ry\\nz\\t", Printable.of("\u001b[2J\u001b]0;owned\u0007x\ry\nz\t"));
        assertEquals("del\\u007f c1\\u009b nul\\u0000", Printable.of("del\u007f c1\u009b nul\u0000"));
    }

    @Test
    void everythingElseIsLeftAlone() {
        String text = "Grüße 日本 \uD83D\uDE00 a\\b ;";
        assertSame(text, Printable.of(text));
        assertNull(Printable.of(null));
    }
}
