package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldedFileTest {
    @Test
    void jspyLinesKeepTheirBucketOthersAreClassified() {
        List<Sample> samples = FoldedFile.parse(String.join("\r\n",
                // jspy -f collapsed: the bucket wins even where the rules would say otherwise
                "[io];java/lang/Thread.run;App.spin 5",
                // async-profiler collapsed, with annotations and a lambda address to normalize
                "java/lang/Thread.run;App$$Lambda$8.0x00007f7744000c30.run;sun/nio/ch/NioSocketImpl.read;"
                        + "sun/nio/ch/SocketDispatcher.read0;__GI_read_[k] 7",
                // perf via stackcollapse-perf.pl: no Java frames, comm as root
                "swapper;secondary_startup_64;cpu_idle 3",
                "garbage without a count", "", "# a comment 12x"));
        assertEquals(3, samples.size());
        assertEquals(new Sample(List.of("java/lang/Thread.run", "App.spin"), Bucket.IO, 5), samples.get(0));
        assertEquals(Bucket.SOCKET, samples.get(1).bucket());
        assertEquals("App$$Lambda.run", samples.get(1).frames().get(1));
        assertEquals(List.of("swapper", "secondary_startup_64", "cpu_idle"), samples.get(2).frames());
    }

    @Test
    void bracketedFramesThatAreNoBucketStayFrames() {
        List<Sample> samples = FoldedFile.parse("[main tid=1];Foo.bar 3\n[unknown];Foo.bar 3\n[lock];Foo.bar 3\n");
        assertEquals(List.of("[main tid=1]", "Foo.bar"), samples.get(0).frames());
        assertEquals(List.of("[unknown]", "Foo.bar"), samples.get(1).frames());
        assertEquals(List.of("Foo.bar"), samples.get(2).frames());
        assertEquals(Bucket.LOCK, samples.get(2).bucket());
    }

    @Test
    void badInputIsOneLineWithTheInputExitCode(@TempDir Path dir) throws Exception {
        JspyException missing = assertThrows(JspyException.class,
                () -> FoldedFile.read(dir.resolve("nope.collapsed").toString(), null));
        assertEquals(ExitCode.INPUT, missing.exitCode());
        assertEquals("jspy: no such file: " + dir.resolve("nope.collapsed") + " (hint: pass a folded-stack file)",
                missing.oneLine());
        Path junk = Files.writeString(dir.resolve("junk.txt"), "hello world\nno counts here\n");
        JspyException empty = assertThrows(JspyException.class, () -> FoldedFile.read(junk.toString(), null));
        assertEquals(ExitCode.INPUT, empty.exitCode());
        assertEquals(ExitCode.INPUT, assertThrows(JspyException.class,
                () -> FoldedFile.read(dir.toString(), null)).exitCode(), "a directory");
        assertEquals(1, FoldedFile.read("-", new ByteArrayInputStream("a;b 1\n".getBytes())).samples().size());
    }

    private static FoldedFile.Stacks read(byte[] bytes) {
        return FoldedFile.read("-", new ByteArrayInputStream(bytes));
    }

    private static FoldedFile.Stacks read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void negativeCountsAreSkippedAndCountedNotSubtracted() {
        FoldedFile.Stacks stacks = read("a;b 5\nc 2\na;b -5\nd -1\n");
        assertEquals(List.of(new Sample(List.of("a", "b"), Bucket.CPU, 5), new Sample(List.of("c"), Bucket.CPU, 2)),
                stacks.samples());
        assertEquals(2, stacks.skipped().total());
        assertEquals("2 negative count (first: line 3)", stacks.skipped().reasons());
    }

    @Test
    void countsThatOverflowFailTheInput() {
        JspyException overflow = assertThrows(JspyException.class,
                () -> read("x;y 9223372036854775807\nc 3\nx;y 9223372036854775807\n"));
        assertEquals(ExitCode.INPUT, overflow.exitCode());
        assertEquals("jspy: the counts in standard input add up to more than 9223372036854775807 at line 2 (hint: counts are "
                + "numbers of samples; is the file corrupt?)", overflow.oneLine());
        assertEquals(Long.MAX_VALUE, read("x;y 9223372036854775806\nx;y 1\n").samples().get(0).count(), "at the edge");
    }

    @Test
    void aBadLineIsSkippedAndTheRestIsKept() {
        byte[] latin1 = "a;b 2\nGr\u00fc\u00dfe;x 3\nc 4\n".getBytes(StandardCharsets.ISO_8859_1);
        FoldedFile.Stacks stacks = read(latin1);
        assertEquals(2, stacks.samples().size());
        assertEquals("1 not UTF-8 (line 2)", stacks.skipped().reasons());
        assertEquals("jspy: warning: skipped 1 line of in.txt: 1 not UTF-8 (line 2)", stacks.skipped().warning("in.txt"));
        JspyException none = assertThrows(JspyException.class, () -> read("Gr\u00fc\u00dfe 1\n"
                .getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ExitCode.INPUT, none.exitCode());
        assertTrue(none.getMessage().contains("no stacks in standard input (lines skipped: 1 not UTF-8 (line 1))"), none.getMessage());
    }

    @Test
    void asyncProfilersModifiedUtf8ForAnEmojiThreadIsDecoded() {
        // What async-profiler 4.x wrote for Thread.currentThread().setName("\uD83D\uDE00 worker"), as bytes.
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("[".getBytes());
        line.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80});
        line.writeBytes(" worker tid=7];java/lang/Thread.run;App.spin 9\n".getBytes());
        FoldedFile.Stacks stacks = read(line.toByteArray());
        assertEquals(0, stacks.skipped().total());
        assertEquals(List.of("[\uD83D\uDE00 worker tid=7]", "java/lang/Thread.run", "App.spin"),
                stacks.samples().get(0).frames());
    }

    @Test
    void linesThatAreNotFoldedStacksAreCountedBlankOnesAndZeroCountsAreNot() {
        FoldedFile.Stacks stacks = read("a 1\n\n   \r\ngarbage\n7\nb 0\n[jspy-agent tid=3];x 4\n; 5\nc x\n");
        assertEquals("3 not 'frames COUNT' (first: line 4), 1 no frames (line 8)", stacks.skipped().reasons());
    }
}
