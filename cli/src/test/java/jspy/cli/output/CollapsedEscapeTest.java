package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import org.junit.jupiter.api.Test;

class CollapsedEscapeTest {
    /** Names a hostile or unlucky target can give its threads and classes. */
    private static final List<String> NASTY = List.of("[a;b tid=5]", "[line\nbreak tid=6]", "[cr\rreturn tid=7]",
            "[\u001b[2Jclear\u0007 tid=8]", "[back\\slash \\u003b \\n tid=9]", "[tab\there\u0085 tid=10]",
            "[\uD83D\uDE00 emoji tid=11]", "[trailing\\ tid=12]");

    private static String collapsed(List<Sample> samples) throws Exception {
        StringWriter out = new StringWriter();
        new CollapsedFormat().write(new Profile(new TargetInfo(1, "App", "17"), samples, 1, 100, true, true), out);
        return out.toString();
    }

    @Test
    void everyNameStaysOneFrameOnOneLine() throws Exception {
        String text = collapsed(NASTY.stream().map(t -> new Sample(List.of(t, "java/lang/Thread.run", "App.spin;x"),
                Bucket.CPU, 3)).toList());
        List<String> lines = text.lines().toList();
        assertEquals(NASTY.size(), lines.size(), text);
        for (String line : lines) {
            assertEquals(4, line.split(";").length, line); // bucket, thread, two frames
            assertEquals(-1, line.chars().filter(c -> c < 0x20 || c >= 0x7f && c <= 0x9f).findAny().orElse(-1), line);
        }
        assertEquals("[cpu];[a\\u003bb tid=5];java/lang/Thread.run;App.spin\\u003bx 3", lines.get(0));
        assertEquals("[cpu];[\\e[2Jclear\\u0007 tid=8];java/lang/Thread.run;App.spin\\u003bx 3", lines.get(3));
        assertEquals("[cpu];[back\\\\slash \\\\u003b \\\\n tid=9];java/lang/Thread.run;App.spin\\u003bx 3", lines.get(4));
    }

    @Test
    void jspyFlamegraphReadsItBackExactly() throws Exception {
        List<Sample> written = NASTY.stream().map(t -> new Sample(List.of(t, "java/lang/Thread.run", "App.spin;x"),
                Bucket.SOCKET, 3)).toList();
        String text = collapsed(written);
        FoldedFile.Stacks read = FoldedFile.read("-", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(written, read.samples());
        assertEquals(0, read.skipped().total());
    }

    @Test
    void plainNamesAreNotCopiedAndOnlyEscapesAreUndone() {
        String plain = "java/lang/Thread.run";
        assertSame(plain, CollapsedFormat.escape(plain));
        char[] in = "a\\qb\\u12\\uzzzz\\".toCharArray();
        char[] out = new char[in.length];
        assertEquals("a\\qb\\u12\\uzzzz\\", new String(out, 0, CollapsedFormat.unescape(in, 0, in.length, out)));
    }
}
