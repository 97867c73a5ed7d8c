package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static String decode(byte... bytes) {
        char[] out = new char[bytes.length];
        int n = Utf8.decode(bytes, 0, bytes.length, out);
        return n < 0 ? null : new String(out, 0, n);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void decodesUtf8AsTheJdkDoes() {
        String text = "a;Grüße;Étude;日本;\uD83D\uDE00 tid=1 3";
        assertEquals(text, decode(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("", decode());
    }

    @Test
    void decodesTheModifiedUtf8AsyncProfilerWritesForAnEmojiThread() {
        // U+1F600 as the JVM hands it out: two 3-byte surrogates (what async-profiler wrote for the thread)
        assertEquals("[\uD83D\uDE00 tid=5] 1", decode(bytes('[', 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, ' ', 't', 'i', 'd',
                '=', '5', ']', ' ', '1')));
        assertEquals("a\u0000b", decode(bytes('a', 0xC0, 0x80, 'b')), "modified UTF-8's NUL");
        assertEquals("a\uFFFDb", decode(bytes('a', 0xED, 0xA0, 0xBD, 'b')), "a high surrogate alone");
        assertEquals("\uFFFD\uFFFD", decode(bytes(0xED, 0xB8, 0x80, 0xED, 0xA0, 0xBD)), "a pair in the wrong order");
    }

    @Test
    void rejectsWhatIsNeitherUtf8NorModifiedUtf8() {
        assertEquals(null, decode(bytes('a', 0xE9, ' ', '1')), "Latin-1");
        assertEquals(null, decode(bytes(0xC1, 0x81)), "overlong");
        assertEquals(null, decode(bytes(0xE0, 0x80, 0x80)), "overlong NUL in 3 bytes");
        assertEquals(null, decode(bytes(0xF4, 0x90, 0x80, 0x80)), "past U+10FFFF");
        assertEquals(null, decode(bytes('a', 0xE6, 0x97)), "cut short");
        assertEquals(null, decode(bytes(0x80)), "a lone continuation byte");
        assertEquals(null, decode(bytes(0xFF)), "never in UTF-8");
    }
}
