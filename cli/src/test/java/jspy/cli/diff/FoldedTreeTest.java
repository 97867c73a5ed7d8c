package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import jspy.flamegraph.SvgFlameGraph;
import jspy.flamegraph.SvgOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldedTreeTest {
    @TempDir
    Path dir;

    /** Lines that each take a different turn in FoldedFile's reading. */
    static final String TRICKY = String.join("\n",
            "[worker tid=1];java/lang/Thread.run;App.spin 5",
            "[worker tid=1];java/lang/Thread.run;App.spin 7", // a duplicate: summed
            "[cpu];java/lang/Thread.run;java/lang/Thread.sleep 4", // the bucket wins over the rules
            "java/lang/Thread.run;java/lang/Thread.sleep 9", // idle: hidden unless --idle
            "[idle];java/lang/Thread.run;App.spin 2",
            "[jspy-agent tid=9];java/lang/Thread.run 50", // the agent's own thread
            "[io];[jspy-agent tid=9];java/lang/Thread.run 50",
            "java/lang/Thread.run_[j];App$$Lambda$8.0x00007f7744000c30.run_[i];App.x 3",
            "java/lang/Thread.run;App$$Lambda.0x0000000030043a28.run;App.x 1", // normalizes like the line above
            "a;;b 2", "a;b; 3", "a;b;;; 1", ";a 1", "; 4", ";;; 4", // empty frames
            "a;.0x1234567 6", "a;.0x1234567;b 1", // a frame that normalizes to nothing
            "a;b 0", "a;b +8", "a;b \u0663", "a;b 00012", "a;b 12345678901234567890", "a;b 1.5", "a;b x",
            "a b c 2", "spaces at the end 3   ", "crlf;line 2\r", "lone\rcr 3", "[lock];a;b 1 ",
            "[lock]; 1", "[nope];a 1", "[lock]a 1", "[sock", "", " ", "7", " 7", "garbage", "# a comment 12x",
            "Grüße;Étude.run 3", "[main tid=1];" + "deep;".repeat(3000) + "end 2") + "\n";

    @Test
    void streamingGivesTheSameGraphAsMergingFirst() throws IOException {
        assertSameAsMerged(TRICKY);
        assertSameAsMerged(TRICKY.replace("\n", "\r\n"));
    }

    @Test
    void duplicateLinesAreSummed() throws IOException {
        FoldedTree streamed = FoldedTree.read(file("a;b 2\nc 1\na;b 3\n"), null, false);
        FoldedTree merged = FoldedTree.of(List.of(new Sample(List.of("a", "b"), Bucket.CPU, 5),
                new Sample(List.of("c"), Bucket.CPU, 1)), false);
        assertEquals(6, streamed.tree().total());
        assertEquals(svg(merged), svg(streamed));
    }

    @Test
    void negativeCountsAreSkippedAndOverflowFails() throws IOException {
        // Negative counts once cancelled real samples (a;b 5 and a;b -5 gave nothing): now skipped, counted.
        assertSameAsMerged("a;b 5\nc 2\na;b -5\nd -1\n");
        FoldedTree read = FoldedTree.read(file("a;b 5\nc 2\na;b -5\nd -1\n"), null, false);
        assertEquals(7, read.tree().total());
        assertEquals(2, read.skipped().total());
        // Two counts of Long.MAX_VALUE once printed "Samples: -2".
        JspyException overflow = assertThrows(JspyException.class,
                () -> FoldedTree.read(file("x;y 9223372036854775807\nc 3\nx;y 1\n"), null, false));
        assertEquals(ExitCode.INPUT, overflow.exitCode());
    }

    @Test
    void randomLinesGiveTheSameGraphAsMergingFirst() throws IOException {
        String[] frames = {"[w tid=1]", "[w tid=2]", "java/lang/Thread.run", "java/lang/Thread.sleep",
            "sun/nio/ch/NioSocketImpl.read", "App.run", "App.run_[j]", "App$$Lambda$3.0x00007f0000001000.get",
            "App$$Lambda.0x0000000800001000.get", "", ".0x1234567", "ObjectMonitor::enter", "libc.so", "b c"};
        String[] prefixes = {"", "", "", "[cpu];", "[idle];", "[jspy-agent];", "[jspy-agent tid=3];"};
        String[] counts = {"1", "2", "30", "0", "+4", "x", "", "007"};
        String[] ends = {"\n", "\n", "\r\n", "\r", " \n"};
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 200; line++) {
                text.append(prefixes[random.nextInt(prefixes.length)]);
                int depth = random.nextInt(8);
                for (int d = 0; d < depth; d++) {
                    text.append(d > 0 ? ";" : "").append(frames[random.nextInt(d < 2 ? 3 : frames.length)]);
                }
                text.append(' ').append(counts[random.nextInt(counts.length)]).append(ends[random.nextInt(ends.length)]);
            }
            assertSameAsMerged(text.toString());
        }
    }

    @Test
    void standardInputIsStreamedAlike() {
        FoldedTree in = FoldedTree.read("-", new ByteArrayInputStream(TRICKY.getBytes(StandardCharsets.UTF_8)), false);
        assertEquals(svg(FoldedTree.of(FoldedFile.parse(TRICKY), false)), svg(in));
    }

    @Test
    void badInputFailsAsFoldedFileDoes() throws IOException {
        JspyException missing = assertThrows(JspyException.class,
                () -> FoldedTree.read(dir.resolve("nope").toString(), null, false));
        assertEquals("jspy: no such file: " + dir.resolve("nope") + " (hint: pass a folded-stack file)",
                missing.oneLine());
        String junk = file("hello world\na;b 0\n[jspy-agent tid=1];a 5\n; 3\n");
        JspyException empty = assertThrows(JspyException.class, () -> FoldedTree.read(junk, null, false));
        assertEquals(ExitCode.INPUT, empty.exitCode());
        assertEquals(assertThrows(JspyException.class, () -> FoldedFile.read(junk, null)).oneLine(), empty.oneLine());
        Files.write(dir.resolve("latin1.txt"), new byte[] {'a', (byte) 0xE9, ' ', '1', '\n'});
        JspyException notUtf8 = assertThrows(JspyException.class,
                () -> FoldedTree.read(dir.resolve("latin1.txt").toString(), null, false));
        assertEquals(ExitCode.INPUT, notUtf8.exitCode(), "no stack left");
    }

    private void assertSameAsMerged(String text) throws IOException {
        String file = file(text);
        for (boolean idle : new boolean[] {false, true}) {
            FoldedTree merged = FoldedTree.of(FoldedFile.parse(text), idle);
            FoldedTree streamed = FoldedTree.read(file, null, idle);
            assertEquals(merged.hidden(), streamed.hidden(), "idle hidden");
            assertEquals(svg(merged), svg(streamed), text);
        }
    }

    private String file(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "in", ".folded"), text).toString();
    }

    static String svg(FoldedTree folded) {
        StringWriter out = new StringWriter();
        try {
            SvgFlameGraph.write(folded.tree(), SvgOptions.defaults("t", "s"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
