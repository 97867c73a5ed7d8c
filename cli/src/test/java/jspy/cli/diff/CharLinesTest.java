package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharLinesTest {
    static List<String> lines(String text) throws IOException {
        CharLines lines = new CharLines(new StringReader(text));
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(new String(lines.chars(), lines.start(), lines.end() - lines.start()));
        }
        return out;
    }

    @Test
    void endsLinesAsReadLineDoesButForAnEmptyOneInCrLf() throws IOException {
        assertEquals(List.of("a 1", "b 2", "", "c 3", "d 4"), lines("a 1\nb 2\r\nc 3\rd 4"));
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
}
