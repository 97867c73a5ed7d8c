package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folded input and --fail-if as users give them to the real CLI: never a silent empty or wrong profile. */
class IntegrityInputIT {
    /** jspy's own heap in the huge-line tests: the old reader needed 3.3 GB for a 1 GiB line. */
    private static final List<String> SMALL_HEAP = List.of("-Xmx32m");

    @TempDir
    Path dir;

    @Test
    void countsThatOverflowFailAndNegativeOnesAreSkippedAndSaid() throws Exception {
        Files.writeString(dir.resolve("max.folded"), "a;b 9223372036854775807\nc;d 9223372036854775807\n");
        JspyRun max = JspyRun.run(dir, 60, "flamegraph", "max.folded", "-o", "max.svg");
        assertEquals(10, max.exitCode(), max.stderr()); // it printed "Samples: -2" and exit 0
        assertEquals("jspy: the counts in max.folded add up to more than 9223372036854775807 at line 2 (hint: counts "
                + "are numbers of samples; is the file corrupt?)\n", max.stderr());

        Files.writeString(dir.resolve("neg.folded"), "a;b 5\nc 2\na;b -5\n");
        JspyRun neg = JspyRun.run(dir, 60, "flamegraph", "neg.folded", "-o", "neg.svg");
        assertEquals(0, neg.exitCode(), neg.stderr());
        assertEquals("jspy: warning: skipped 1 line of neg.folded: 1 negative count (line 3)\n"
                + "Wrote flame graph to 'neg.svg'. Samples: 7. Lines skipped: 1 (see the warning above).\n", neg.stderr());

        JspyRun diff = JspyRun.run(dir, 60, "diff", "neg.folded", "max.folded", "-o", "d.svg");
        assertEquals(10, diff.exitCode(), diff.stderr());
        assertEquals(1, diff.stderr().lines().count(), diff.stderr());
    }

    @Test
    void aHugeLineFromAPipeIsRejectedWithoutReadingIt() throws Exception {
        JspyRun fg = JspyRun.start(SMALL_HEAP, dir, "flamegraph", "-", "-o", "pipe.svg");
        long written = 0;
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream in = fg.process.getOutputStream()) {
            in.write("a;b 1\n".getBytes(StandardCharsets.US_ASCII));
            for (; written < (600L << 20); written += chunk.length) {
                in.write(chunk); // one 600 MiB line, unless jspy stops reading first
            }
        } catch (IOException pipeClosed) {
            // jspy exited: it read no further
        }
        assertEquals(10, fg.await(120), fg.stderr());
        assertEquals("jspy: standard input: line 2 is longer than 4 MiB (hint: expected folded stacks, one per line: "
                + "'frame;frame;frame COUNT')\n", fg.stderr());
        assertTrue(written < (600L << 20), "jspy read the whole line: " + written + " bytes");
        assertTrue(!Files.exists(dir.resolve("pipe.svg")));
    }

    @Test
    void aHugeLineInASparseFileIsRejectedInBoundedMemory() throws Exception {
        Path sparse = dir.resolve("sparse.folded");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.write("a;b 1\n".getBytes(StandardCharsets.US_ASCII));
            f.setLength(1L << 30); // 1 GiB of NUL bytes, one line, on no disk space
        }
        JspyRun fg = JspyRun.run(dir, 120, "flamegraph", "sparse.folded", "-o", "sparse.svg");
        JspyRun small = JspyRun.start(SMALL_HEAP, dir, "diff", "sparse.folded", "sparse.folded", "-o", "d.svg");
        assertEquals(10, small.await(120), small.stderr());
        for (JspyRun r : List.of(fg, small)) {
            assertEquals(10, r.exitCode(), r.stderr());
            assertEquals("jspy: sparse.folded: line 2 is longer than 4 MiB (hint: expected folded stacks, one per "
                    + "line: 'frame;frame;frame COUNT')\n", r.stderr());
        }
    }

    @Test
    void aBadLineIsSkippedAndCountedAndAsyncProfilersEmojiThreadIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("java/lang/Thread.run;App.spin 5\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("java/lang/Thread.run;Gr\u00fc\u00dfe.spin 3\n".getBytes(StandardCharsets.ISO_8859_1));
        // async-profiler's collapsed output for a thread named "\uD83D\uDE00 worker": modified UTF-8, as the JVM gives it
        bytes.writeBytes(new byte[] {'[', (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80});
        bytes.writeBytes(" worker tid=7];java/lang/Thread.run;App.spin 4\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("mixed.folded"), bytes.toByteArray());
        JspyRun fg = JspyRun.run(dir, 60, "flamegraph", "mixed.folded", "-o", "mixed.svg");
        assertEquals(0, fg.exitCode(), fg.stderr());
        assertEquals("jspy: warning: skipped 1 line of mixed.folded: 1 not UTF-8 (line 2)\n"
                + "Wrote flame graph to 'mixed.svg'. Samples: 9. Lines skipped: 1 (see the warning above).\n", fg.stderr());
        String svg = Files.readString(dir.resolve("mixed.svg"));
        assertTrue(SvgFrames.frames(svg).stream().anyMatch(f -> f.name().equals("[\uD83D\uDE00 worker tid=7]")
                && f.samples() == 4), "the emoji thread is one frame with its 4 samples");
    }

    @Test
    void escapedNamesInJspysCollapsedOutputAreReadBackExactly() throws Exception {
        Files.writeString(dir.resolve("esc.collapsed"),
                "[cpu];[a\\u003bb\\nc\\e[2J tid=5];java/lang/Thread.run;App.spin 3\n[cpu];App.back\\\\slash 1\n");
        JspyRun fg = JspyRun.run(dir, 60, "flamegraph", "esc.collapsed", "-o", "esc.svg");
        assertEquals(0, fg.exitCode(), fg.stderr());
        List<String> names = SvgFrames.frames(Files.readString(dir.resolve("esc.svg"))).stream()
                .map(SvgFrames.Frame::name).toList();
        // read back exactly: ';' joins the thread name again; the SVG then shows the control characters visibly
        assertTrue(names.contains("[a;b\\nc\\e[2J tid=5]") && names.contains("App.back\\slash"), names.toString());
    }

    @Test
    void budgetsThatCanNeverFireAreUsageErrors() throws Exception {
        for (String never : List.of("jdbc>150%", "jdbc>100%", "jdbc>=100%", "jdbc>-5%")) {
            JspyRun r = JspyRun.run(dir, 60, "record", "-p", "2147483646", // accepted, it would say: no such process
                    "--fail-if", never);
            assertEquals(2, r.exitCode(), never + ": " + r.stderr());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().contains("'" + never + "'") && r.stderr().contains("(hint: "), r.stderr());
        }
    }
}
