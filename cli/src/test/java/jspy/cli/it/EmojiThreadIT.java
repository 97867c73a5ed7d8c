package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread named with an emoji (4-byte UTF-8, which the JVM hands async-profiler as modified
 * UTF-8): its samples are kept, never a silent "Samples: 0" (the cumulative-snapshot reader once
 * dropped every snapshot); what cannot be decoded is replaced, and ';' and newlines in the name
 * stay inside one frame.
 */
class EmojiThreadIT {
    @TempDir
    Path dir;

    @Test
    void anEmojiThreadKeepsItsSamples() throws Exception {
        Path source = Files.writeString(dir.resolve("Emoji.java"), """
                public class Emoji {
                    static volatile long sink;
                    public static void main(String[] a) throws Exception {
                        Thread t = new Thread(() -> { while (true) { sink += System.nanoTime() % 3; } },
                                "spin-\\uD83D\\uDE00-a;b\\nc");
                        t.setDaemon(true);
                        t.start();
                        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("jspy.ready")), "");
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """);
        Path ready = dir.resolve("emoji.ready");
        ProcessBuilder pb = new ProcessBuilder(Jdks.java(17).toString(), "-Djspy.ready=" + ready, source.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("emoji.out").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process target = pb.start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(ready)) {
                assertTrue(target.isAlive() && System.currentTimeMillis() < deadline, "the target did not start");
                Thread.sleep(50);
            }
            JspyRun run = JspyRun.run(dir, 60, "record", "-p", Long.toString(target.pid()), "-d", "3", "-t",
                    "-o", "emoji.collapsed");
            assertEquals(0, run.exitCode(), run.stderr());
            long spin = 0;
            for (String line : Files.readAllLines(dir.resolve("emoji.collapsed"))) {
                String[] frames = line.split(";");
                if (frames[1].startsWith("[spin-")) {
                    assertTrue(frames[1].endsWith("-a\\u003bb\\nc tid=" + frames[1].replaceAll(".* tid=", "")),
                            "one frame on one line: " + line);
                    spin += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            assertTrue(spin > 100, "the emoji thread's samples are kept: " + spin + "\n" + run.stderr());
        } finally {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
