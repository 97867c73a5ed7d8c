package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmounted virtual threads in a recording (JDK 25): 50 blocked in socket reads and 10 asleep,
 * which no carrier and no wall-clock sampler shows. Each is sampled from the JVM's thread dumps
 * and weighs like a platform thread waiting as long; with -t each has its own frame.
 */
class VirtualThreadsIT {
    @TempDir
    Path dir;

    @Test
    void parkedVirtualThreadsAreSampledAndWeighLikePlatformThreads() throws Exception {
        try (TargetApp app = TargetApp.start(25, "VirtualWaitApp", dir)) {
            JspyRun run = JspyRun.run(dir, 90, "record", "-p", Long.toString(app.pid()), "-d", "5", "-t", "--idle",
                    "-f", "collapsed,json", "-o", "vt.collapsed");
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("unmounted virtual threads sampled from"), run.stderr());
            Map<String, Long> perThread = new HashMap<>();
            long socket = 0;
            long readers = 0;
            for (String line : Files.readAllLines(dir.resolve("vt.collapsed"))) {
                String[] all = line.substring(0, line.lastIndexOf(' ')).split(";");
                long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                // a socket wait's peer frame ([peer …], VirtualPeers) comes before the thread's
                String[] frames = all[1].startsWith("[peer ") ? java.util.Arrays.copyOfRange(all, 1, all.length) : all;
                frames[0] = all[0];
                if (frames[1].startsWith("[vt-")) {
                    assertTrue(frames[1].endsWith(" virtual]"), frames[1]);
                    perThread.merge(frames[1].substring(1, frames[1].indexOf(' ')), n, Long::sum);
                }
                if (frames[1].startsWith("[vt-socket-")) {
                    readers += n;
                    socket += frames[0].equals("[socket]") ? n : 0;
                }
            }
            assertEquals(60, perThread.size(), "every parked virtual thread has its frame: " + perThread.keySet());
            JsonNode json = new ObjectMapper().readTree(dir.resolve("vt.json").toFile());
            double seconds = json.get("durationSeconds").asDouble();
            double rate = json.get("requestedRateHz").asDouble();
            for (Map.Entry<String, Long> e : perThread.entrySet()) {
                // a dump stands for the time since the one before: about rate x the session each
                assertEquals(rate * seconds, e.getValue(), 0.35 * rate * seconds, e.getKey());
            }
            assertTrue(socket >= 0.9 * readers, "virtual threads blocked in socket reads are socket: "
                    + socket + " of " + readers);
            assertTrue(json.get("notes").size() == 1, json.toString());
        }
    }
}
