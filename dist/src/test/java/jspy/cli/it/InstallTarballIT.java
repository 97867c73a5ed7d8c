package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The release tarball as a user installs it ({@link Tarball}): unpacked into a clean directory,
 * then run from a shell with no JAVA_HOME and no java on PATH, against JDK 17 and JDK 25 targets:
 * record, dump and top here, serve in {@link InstallTarballServeIT}, the commands that read files
 * in {@link InstallTarballFilesIT}. The jspy helpers (Jdks, TargetApp, Recorded, CleanShell, Tmux)
 * come from cli's test-jar.
 */
class InstallTarballIT {
    private static final long MAX_BYTES = 60L * 1024 * 1024;
    private static Tarball tarball;
    private static Path home;
    private static Path dir;
    private static CleanShell shell;

    @BeforeAll
    static void unpack() throws Exception {
        tarball = Tarball.unpacked();
        home = tarball.home;
        dir = tarball.dir;
        shell = tarball.shell;
    }

    private static CleanShell.Result jspy(Path workDir, Map<String, String> env, String... args) throws Exception {
        return tarball.jspy(workDir, env, args);
    }

    @Test
    void itHoldsTheLauncherTheJarAndARuntimeInUnder60Mb() throws IOException {
        long packed = Files.size(tarball.file);
        long unpacked;
        try (Stream<Path> files = Files.walk(home)) {
            unpacked = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        Files.writeString(Path.of("target", "dist-size.txt"), String.format(Locale.ROOT,
                "%s: %.1f MB, unpacked %.1f MB%n", tarball.file.getFileName(), packed / 1e6, unpacked / 1e6));
        assertTrue(packed < MAX_BYTES, tarball.file + " is " + packed + " bytes");
        assertTrue(home.getFileName().toString().matches("jspy-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), home.toString());
        for (String exe : List.of("bin/jspy", "runtime/bin/java")) {
            assertTrue(Files.isExecutable(home.resolve(exe)), exe);
        }
        assertTrue(Files.isRegularFile(home.resolve("lib/jspy.jar")));
    }

    @Test
    void theShellHasNoJavaAndJspyRunsOnItsOwnRuntimeWhateverJavaHomeSays() throws Exception {
        assertNotEquals(0, shell.run(dir, Map.of(), 10, List.of("sh", "-c", "command -v java")).code(),
                "the clean PATH still has a java");
        CleanShell.Result r = jspy(dir, Map.of("JAVA_HOME", "/opt/jdk8-that-is-not-there"), "--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("jspy "), r.out());
        assertTrue(r.out().contains(") at " + home.resolve("runtime") + "\n"), r.out());
    }

    /** The README's two ways onto PATH: its bin directory, or a link to bin/jspy from a PATH directory. */
    @Test
    void jspyRunsByNameFromPathOrThroughALink() throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("jspy"), home.resolve("bin/jspy"));
        for (Path onPath : List.of(home.resolve("bin"), links)) {
            CleanShell.Result r = shell.run(dir, Map.of("PATH", onPath + ":" + shell.path()), 60,
                    List.of("sh", "-c", "jspy --version"));
            assertEquals(0, r.code(), onPath + ": " + r.err());
            assertTrue(r.out().contains(") at " + home.resolve("runtime") + "\n"), r.out());
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void recordsAndDumpsATargetWithNoJavaOnThePath(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("jdk" + jdk));
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", work)) {
            String pid = Long.toString(app.pid());
            // Every output format: JSON and speedscope go through Jackson on the jlinked runtime.
            CleanShell.Result r = jspy(work, Map.of(), "record", "-p", pid, "-d", "3", "-o", "x.svg",
                    "-f", "svg,collapsed,json,speedscope", "--threads");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("Wrote flame graph to 'x.svg'"), r.err());
            Recorded rec = new Recorded(work.resolve("x.collapsed"));
            assertTrue(rec.total("cpu-worker") >= 100, "cpu-worker: " + rec.buckets("cpu-worker"));
            assertTrue(rec.share("cpu-worker", "cpu") >= 0.9, "cpu-worker: " + rec.buckets("cpu-worker"));
            Recorded.assertWellFormedXml(work.resolve("x.svg"));
            String json = Files.readString(work.resolve("x.json"), StandardCharsets.UTF_8);
            Matcher samples = Pattern.compile("\"samples\" ?: ?(\\d+)").matcher(json);
            assertTrue(samples.find() && Long.parseLong(samples.group(1)) > 0, json);
            assertTrue(Files.readString(work.resolve("x.speedscope")).contains("speedscope"));

            CleanShell.Result dump = jspy(work, Map.of(), "dump", "-p", pid, "--json");
            assertEquals(0, dump.code(), dump.err());
            assertTrue(dump.out().matches("(?s).*\"mainClass\" ?: ?\"jspy.testapps.CpuApp\".*"), dump.out());
            assertTrue(dump.out().contains("\"cpu-worker\""), dump.out());
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /** top needs a terminal (JLine) and JLine needs java.logging: run it in tmux, read the screen, press q. */
    @Test
    void topRunsInATerminalOnTheBundledRuntime() throws Exception {
        Path work = tarball.work("top");
        Path err = work.resolve("top.err");
        try (TargetApp app = TargetApp.start(17, "CpuApp", work);
             Tmux tmux = Tmux.shell(work, "env -i TERM=xterm-256color PATH='" + shell.path() + "' '" + tarball.jspy()
                     + "' top -p " + app.pid() + " 2> '" + err + "'", 160, 40)) {
            tmux.go();
            // Not "jspy top · pid N": with env -i (no LANG) JDK 17 encodes '·' as '?'.
            String pid = "pid " + app.pid();
            try {
                tmux.await("top's screen", s -> s.contains("jspy top") && s.contains(pid) && s.contains("CpuApp.spin"));
            } catch (AssertionError e) {
                String stderr = Files.exists(err) ? Files.readString(err) : "";
                throw new AssertionError(e.getMessage() + "\nstderr: " + stderr, e);
            }
            tmux.keys("q");
            long quit = System.nanoTime();
            while (!tmux.exited(quit)) {
                Thread.sleep(100);
            }
            assertEquals("EXIT=0", tmux.exitLine(), Files.readString(err));
            assertEquals("", Files.readString(err));
            assertEquals("", app.printed(), "the target printed something");
        }
    }
}
