package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
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
        assertNull(FoldedFile.bucketOf("[main tid=1];Foo.bar 3"));
        assertNull(FoldedFile.bucketOf("[unknown];Foo.bar 3"));
        assertEquals(Bucket.LOCK, FoldedFile.bucketOf("[lock];Foo.bar 3"));
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
        assertEquals(1, FoldedFile.read("-", new ByteArrayInputStream("a;b 1\n".getBytes())).size());
    }
}
