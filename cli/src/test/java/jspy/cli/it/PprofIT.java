package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record -f pprof} read by Debian's {@code go tool pprof}: the hot method leads {@code -top},
 * and the {@code bucket} label filters to the socket frames.
 */
class PprofIT {
    @TempDir
    Path dir;

    @Test
    void topShowsTheHotMethod() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "3", "-f", "pprof",
                    "-o", "cpu.pb.gz");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
        }
        String top = GoPprof.run(dir, "-top", "cpu.pb.gz");
        assertTrue(top.contains("Type: wall"), top);
        String first = firstRow(top);
        assertTrue(first.contains("jspy/testapps/CpuApp.spin"), "hot method not first in -top:\n" + top);
    }

    @Test
    void bucketLabelFiltersToSocketFramesAndThreadsAreLabels() throws Exception {
        try (TargetApp app = TargetApp.start(25, "SocketApp", dir)) {
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "3", "-t",
                    "-f", "pprof,collapsed", "-o", "socket");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
        }
        assertTrue(Files.exists(dir.resolve("socket.pb.gz")), "pprof's file extension is .pb.gz");
        String socket = GoPprof.run(dir, "-top", "-tagfocus", "bucket=socket", "socket.pb.gz");
        assertTrue(socket.contains("SocketDispatcher.read0"), socket);
        String reader = GoPprof.run(dir, "-top", "-tagfocus", "thread=socket-reader.*", "socket.pb.gz");
        assertTrue(reader.contains("SocketDispatcher.read0"), reader);
        assertTrue(GoPprof.run(dir, "-tags", "socket.pb.gz").contains("bucket"), "no bucket tag");
    }

    /** The first row under go tool pprof's "flat flat% sum% cum cum%" header. */
    static String firstRow(String top) {
        String[] lines = top.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].contains("flat%")) {
                return lines[i + 1];
            }
        }
        throw new AssertionError("no rows in:\n" + top);
    }
}
