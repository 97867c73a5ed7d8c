package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** What the real CLI writes: to the terminal (no raw control characters) and to files (never lost). */
class IntegrityOutputIT {
    /** A thread name that clears the screen, homes the cursor, overwrites its own line and rings the bell. */
    static final String EVIL = "\u001b[2J\u001b[Hevil\rfake\nline\u0007";

    @TempDir
    Path dir;

    static Stream<Arguments> jdks() {
        return Jdks.required().stream().map(Arguments::of);
    }

    /** A JVM with one thread named {@link #EVIL}, run from source (no test-apps class needed). */
    private Process evilJvm(int jdk) throws Exception {
        Path src = Files.writeString(dir.resolve("EvilNames.java"), String.join("\n",
                "public class EvilNames {",
                "  public static void main(String[] a) throws Exception {",
                "    Thread t = new Thread(() -> { while (true) { Math.sqrt(Math.random()); } },",
                "        \"\\u001b[2J\\u001b[Hevil\\rfake\\nline\\u0007\");",
                "    t.setDaemon(true); t.start();",
                "    java.nio.file.Files.writeString(java.nio.file.Path.of(a[0]), \"\");",
                "    Thread.sleep(120_000);",
                "  }",
                "}"));
        Path ready = dir.resolve("evil-" + jdk + ".ready");
        Process p = new ProcessBuilder(Jdks.java(jdk).toString(), src.toString(), ready.toString())
                .redirectOutput(dir.resolve("evil.out").toFile()).redirectError(dir.resolve("evil.err").toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(ready)) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("EvilNames did not start: " + Files.readString(dir.resolve("evil.err")));
            }
            Thread.sleep(50);
        }
        return p;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void dumpShowsControlCharactersInThreadNamesAsEscapes(int jdk) throws Exception {
        Process target = evilJvm(jdk);
        try {
            JspyRun dump = JspyRun.run(dir, 60, "dump", "-p", Long.toString(target.pid()));
            assertEquals(0, dump.exitCode(), dump.stderr());
            String out = dump.stdout();
            // the thread line goes on with its tid and CPU time (dump, issue 23 item 11)
            assertTrue(out.contains("\"\\e[2J\\e[Hevil\\rfake\\nline\\u0007\" RUNNABLE [cpu] tid="), out);
            assertEquals(-1, out.chars().filter(c -> c != '\n' && (c < 0x20 || c == 0x7f)).findAny().orElse(-1),
                    "a raw control character reached the terminal");
        } finally {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void anUnwritableOutputFailsBeforeAttaching(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir)) {
            String pid = Long.toString(app.pid());
            for (String out : List.of("/dev/full", "/proc/jspy-out.svg")) {
                JspyRun r = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "30", "-o", out);
                assertEquals(8, r.exitCode(), out + ": " + r.stderr());
                assertEquals(1, r.stderr().lines().count(), r.stderr());
                assertTrue(r.stderr().startsWith("jspy: cannot write '" + out + "': "), r.stderr());
            }
            assertFalse(Files.readString(Path.of("/proc", pid, "maps")).contains("asyncProfiler"),
                    "jspy attached before it knew it could write");
            assertEquals("", app.printed());
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aWriteThatFailsAfterRecordingSavesTheSamplesAndNamesTheFile(int jdk) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("gone"));
        List<Path> saved = new ArrayList<>();
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir)) {
            JspyRun rec = JspyRun.start(dir, "record", "-p", Long.toString(app.pid()), "-d", "6", "-o", "gone/p.svg");
            Thread.sleep(3000); // attached and sampling by now (the check passed at start)
            Files.delete(sub); // the output directory disappears under the recording
            assertEquals(8, rec.await(90), rec.stderr());
            String err = rec.stderr().strip();
            assertEquals(1, err.lines().filter(l -> l.startsWith("jspy: ")).count(), err);
            Matcher m = Pattern.compile("jspy: cannot write 'gone/p\\.svg': .*the samples are saved in (\\S+\\.collapsed) "
                    + "\\(hint: render them with 'jspy flamegraph \\1 -o profile\\.svg'\\)").matcher(err);
            assertTrue(m.find(), err);
            saved.add(Path.of(m.group(1)));
            JspyRun fg = JspyRun.run(dir, 60, "flamegraph", m.group(1), "-o", "rescued.svg");
            assertEquals(0, fg.exitCode(), fg.stderr());
            List<SvgFrames.Frame> frames = SvgFrames.frames(Files.readString(dir.resolve("rescued.svg")));
            assertTrue(frames.get(0).samples() > 50 && frames.stream().anyMatch(f -> f.name().contains("CpuApp")),
                    "the rescued samples are the recording's: " + frames.get(0));
        } finally {
            for (Path p : saved) {
                Files.deleteIfExists(p);
            }
        }
    }
}
