package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A virtual-thread service on JDK 25 (VirtualServiceApp): 100 virtual threads in JDBC calls to H2
 * over TCP, 100 reading a slow local socket server, and one spinning that stays mounted. The
 * waiters are sampled from the JVM's thread dumps, the spinner only through its carrier, whose
 * samples must be named after it, cut to its stack, and counted once.
 */
class VirtualWaitsIT {
    @TempDir
    Path dir;

    @Test
    void virtualThreadsWaitInJdbcAndSocketAndCarrierSamplesAreTheVirtualThreads() throws Exception {
        try (TargetApp app = TargetApp.start(25, "VirtualServiceApp", dir)) {
            JspyRun run = JspyRun.run(dir, 90, "record", "-p", Long.toString(app.pid()), "-d", "5", "-t", "--idle",
                    "-f", "collapsed,json", "-o", "vs.collapsed");
            assertEquals(0, run.exitCode(), run.stderr());
            Path collapsed = dir.resolve("vs.collapsed");
            Recorded rec = new Recorded(collapsed);
            JsonNode json = new ObjectMapper().readTree(dir.resolve("vs.json").toFile());
            double perThread = json.get("requestedRateHz").asDouble() * json.get("durationSeconds").asDouble();
            for (String[] scenario : new String[][] {{"vt-jdbc-", "jdbc"}, {"vt-socket-", "socket"},
                    {"vt-cpu-0", "cpu"}}) {
                double share = rec.share(scenario[0], scenario[1]);
                report(scenario[0], scenario[1], share, rec.buckets(scenario[0]) + " of " + Math.round(perThread)
                        + " per thread asked; " + run.stderr().lines().filter(l -> l.startsWith("Wrote")).findFirst()
                        .orElse(""));
                assertTrue(share >= 0.90, scenario[0] + " is " + scenario[1] + " for only "
                        + String.format(Locale.ROOT, "%.1f%%", share * 100) + ": " + rec.buckets(scenario[0]));
            }
            Set<String> jdbc = new TreeSet<>();
            Set<String> socket = new TreeSet<>();
            for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
                String[] all = line.substring(0, line.lastIndexOf(' ')).split(";");
                // a socket or jdbc wait's peer frame ([peer …], VirtualPeers) comes before the thread's
                String[] frames = all[1].startsWith("[peer ") ? java.util.Arrays.copyOfRange(all, 1, all.length) : all;
                frames[0] = all[0];
                if (frames[1].startsWith("[vt-")) {
                    assertTrue(frames[1].matches("\\[vt-[a-z]+-\\d+ tid=\\d+ virtual]"), frames[1]);
                    assertEquals("java/lang/VirtualThread.run", frames[2], "a virtual thread's stack starts at its own");
                }
                if (frames[1].startsWith("[vt-jdbc-")) {
                    jdbc.add(frames[1]);
                } else if (frames[1].startsWith("[vt-socket-")) {
                    socket.add(frames[1]);
                }
                assertTrue(!frames[1].startsWith("[ForkJoinPool-") || !line.contains("java/lang/VirtualThread.run;"),
                        "a carrier sample inside a virtual thread is named after the carrier: " + line);
            }
            assertEquals(100, jdbc.size(), "every JDBC virtual thread has its frame: " + jdbc);
            assertEquals(100, socket.size(), "every socket virtual thread has its frame: " + socket);
            // Mounted for good, vt-cpu-0 is in no dump: all its samples come from its carrier, once.
            // The floor is low: at load average 20 on 2 cores a spinning thread got 180 of 500
            // (signals to a thread that waits for a core merge), a figure of the sampler, not ours.
            long cpu = rec.total("vt-cpu-0");
            assertTrue(cpu >= 0.2 * perThread && cpu <= 1.2 * perThread, "vt-cpu-0 has " + cpu
                    + " samples, a thread sampled once at the rate has " + Math.round(perThread));
            long unnamed = rec.total("virtual@");
            assertTrue(unnamed <= 0.2 * cpu, "carrier samples of an unidentified virtual thread: " + unnamed
                    + ", vt-cpu-0's: " + cpu);
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /** Shares go to target/it-shares.txt, beside WaitsIT's, for the release note. */
    private static void report(String thread, String bucket, double share, String detail) throws Exception {
        String line = String.format(Locale.ROOT, "JDK 25 %-13s %-22s %-6s %5.1f%% %s%n", "VirtualServiceApp", thread,
                bucket, share * 100, detail);
        Files.writeString(Path.of("target", "it-shares.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
