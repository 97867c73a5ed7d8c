package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharLinesTest {
    static List<String> lines(String text) throws IOException {
        CharLines lines = new CharLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(new String(lines.chars(), lines.start(), lines.end() - lines.start()));
        }
        return out;
    }

    @Test
    void endsLinesAsReadLineDoes() throws IOException {
        assertEquals(List.of("a 1", "b 2", "c 3", "d 4"), lines("a 1\nb 2\r\nc 3\rd 4"));
        assertEquals(List.of("a", "", "b", ""), lines("a\r\r\nb\r\n\n"));
        assertEquals(List.of("a 1"), lines("a 1\n"));
        assertEquals(List.of(), lines(""));
        assertEquals(List.of("", ""), lines("\n\n"));
    }

    @Test
    void linesLongerThanTheBufferAndAcrossRefills() throws IOException {
        String longLine = "x;".repeat(100_000) + "y 1";
        String shortLines = "a;b 1\n".repeat(30_000); // 180k chars: lines straddle the 64k buffer
        List<String> read = lines(shortLines + longLine + "\n" + shortLines);
        assertEquals(60_001, read.size());
        assertEquals(longLine, read.get(30_000));
        assertEquals(List.of("a;b 1"), read.stream().filter(l -> l.length() < 10).distinct().toList());
    }

    @Test
    void aBadLineIsFlaggedAndTheNextOnesAreRead() throws IOException {
        byte[] text = {'a', ' ', '1', '\n', 'b', (byte) 0xE9, ' ', '2', '\n', 'c', ' ', '3'};
        CharLines lines = new CharLines(new ByteArrayInputStream(text));
        assertTrue(lines.next());
        assertFalse(lines.bad());
        assertTrue(lines.next());
        assertTrue(lines.bad(), "Latin-1 é");
        assertEquals(2, lines.number());
        assertEquals(0, lines.end() - lines.start());
        assertTrue(lines.next());
        assertFalse(lines.bad());
        assertEquals("c 3", new String(lines.chars(), lines.start(), lines.end() - lines.start()));
        assertFalse(lines.next());
    }

    @Test
    void aLineLongerThanTheLimitStopsTheReadingThere() throws IOException {
        long[] served = {0};
        // An endless line: only the limit (and one buffer beyond) may ever be read of it.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served[0] += len;
                return len;
            }
        };
        CharLines lines = new CharLines(new SequenceInputStream(new ByteArrayInputStream("a 1\n".getBytes()), endless));
        assertTrue(lines.next());
        CharLines.TooLong tooLong = assertThrows(CharLines.TooLong.class, lines::next);
        assertEquals(2, tooLong.line);
        assertTrue(served[0] <= 2L * CharLines.MAX_LINE, served[0] + " bytes read");
        String atLimit = "y".repeat(CharLines.MAX_LINE - 2) + " 1";
        assertEquals(List.of(atLimit, "z 2"), lines(atLimit + "\nz 2\n"), "a line of exactly the limit is read");
    }
}
