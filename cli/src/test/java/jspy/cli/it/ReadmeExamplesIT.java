package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command example of README.md as written (ReadmeShell: bash, `jspy` on PATH) and
 * checks what it does and, where the README shows output, that the output matches it
 * (OutputTemplate). The one substitution: the README's stand-in PID 12345 becomes a real JVM's,
 * the demo service's for record, top, serve and diff (as in the quick start), LockApp's for dump.
 * ReadmeTest checks that every block of the README is marked and that its id is one of these.
 */
class ReadmeExamplesIT {
    /** The examples this class runs, one test each. */
    static final Set<String> RUN_HERE = Set.of("quick-start", "test", "record", "record-command", "top", "dump",
            "serve", "serve-clients", "diff");
    /** Examples a test of another module runs from the same README block: id -> that test's source. */
    static final Map<String, String> RUN_ELSEWHERE = Map.of(
            "install", "dist/src/test/java/jspy/cli/it/ReadmeInstallIT.java"); // needs the release tarball

    private static final ReadmeExamples README = ReadmeExamples.read();
    @TempDir
    static Path shared;
    private static ReadmeShell.Demo demo;

    @TempDir
    Path dir;
    private ReadmeShell shell;

    @BeforeAll
    static void startTheDemo() throws Exception {
        demo = ReadmeShell.Demo.start(shared);
    }

    @AfterAll
    static void stopTheDemo() throws Exception {
        demo.close();
    }

    @BeforeEach
    void shell() throws Exception {
        shell = ReadmeShell.in(Files.createDirectories(dir.resolve("readme")));
    }

    @AfterEach
    void killWhatTheBlocksLeft() {
        shell.killLeftovers();
    }

    private static String example(String id) {
        assertTrue(RUN_HERE.contains(id), id);
        return README.example(id).text();
    }

    /** The example with the README's stand-in PID replaced by a real one. */
    private static String example(String id, long pid) {
        assertTrue(RUN_HERE.contains(id), id);
        return README.example(id).withPid(pid);
    }

    private static void assertOutput(String id, String printed) {
        OutputTemplate.assertMatches("README example '" + id + "'",
                README.output(id).orElseThrow(() -> new AssertionError("no <!-- output: " + id + " -->")).text(), printed);
    }

    /**
     * The quick start builds, then records the demo. Building inside this build would rewrite the
     * jars the suite runs on, so the test asserts that the first half is the build and runs the
     * second half as written, on the build already made: from a directory that has the checkout's
     * test-apps and ./jspy, with the java on PATH, as on a fresh machine.
     */
    @Test
    void quickStart() throws Exception {
        String build = "mvn -B -q package -DskipTests && ";
        String block = example("quick-start");
        assertTrue(block.startsWith(build), block);
        Path repo = ReadmeExamples.repo();
        Files.createSymbolicLink(shell.dir.resolve("test-apps"), repo.resolve("test-apps"));
        Files.createSymbolicLink(shell.dir.resolve("jspy"), repo.resolve("jspy"));
        ReadmeShell.Result r = shell.run("quick-start", block.substring(build.length()), 180);
        assertEquals(0, r.code(), r.printed());
        assertTrue(r.err().contains("Wrote flame graph to 'profile.svg'"), r.printed());
        Path svg = shell.dir.resolve("profile.svg");
        Recorded.assertWellFormedXml(svg);
        assertTrue(Files.readString(svg).contains("OrdersHandler.handle"), "the demo's request handler was sampled");
        long deadline = System.currentTimeMillis() + 20_000;
        while (ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(
                "-jar test-apps/target/demo.jar") && inShellDir(p))) {
            assertTrue(System.currentTimeMillis() < deadline, "the quick start's 'kill $!' left the demo running");
            Thread.sleep(200);
        }
    }

    private boolean inShellDir(ProcessHandle p) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).startsWith(shell.dir);
        } catch (Exception e) {
            return false;
        }
    }

    /** ./test cannot run inside the suite it runs; the test checks that it is the script that runs this suite. */
    @Test
    void theTestCommandIsTheScriptThatRunsThisSuite() throws Exception {
        assertEquals("./test", example("test"));
        Path script = ReadmeExamples.repo().resolve("test");
        assertTrue(Files.isExecutable(script), "README's test command ./test: no executable " + script);
        assertTrue(Files.readString(script).contains("mvn -B verify"), script + " must run 'mvn -B verify'");
    }

    @Test
    void record() throws Exception {
        ReadmeShell.Result r = shell.run("record", example("record", demo.pid()), 120);
        assertEquals(0, r.code(), r.printed());
        assertOutput("record", r.printed());
        Recorded.assertWellFormedXml(shell.dir.resolve("profile.svg"));
    }

    /** Launch mode on a one-test Maven project: the flame graph holds Maven's JVM and surefire's fork. */
    @Test
    void recordACommand() throws Exception {
        ReadmeMavenProject.writeTo(shell.dir);
        ReadmeShell.Result r = shell.run("record-command", example("record-command"), 600);
        assertEquals(0, r.code(), r.printed());
        assertTrue(r.out().contains("Tests run: 1, Failures: 0"), "mvn's stdout passes through: " + r.out());
        assertTrue(r.err().contains("Wrote flame graph to 'tests.svg'"), r.err());
        Path svg = shell.dir.resolve("tests.svg");
        Recorded.assertWellFormedXml(svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains(ReadmeMavenProject.TEST_METHOD), "surefire's forked JVM was profiled");
        assertTrue(text.contains("org.codehaus.plexus.classworlds.launcher.Launcher"), "Maven's own JVM was profiled");
    }

    @Test
    void top() throws Exception {
        String command = shell.commandLine("top", example("top", demo.pid()));
        String template = README.output("top").orElseThrow().text();
        try (Tmux tmux = Tmux.shell(shell.dir, command, 120, 30)) {
            tmux.go();
            String screen = tmux.await("the README's top screen", s -> new OutputTemplate(template).matches(s));
            OutputTemplate.assertMatches("README example 'top'", template, screen);
            tmux.keys("q");
            long started = System.nanoTime();
            while (!tmux.exited(started)) {
                Thread.sleep(50);
            }
            assertEquals("EXIT=0", tmux.exitLine(), shell.read("top.err"));
        }
    }

    @Test
    void dump() throws Exception {
        try (TargetApp app = TargetApp.start(17, "LockApp", dir)) {
            ReadmeShell.Result r = shell.run("dump", example("dump", app.pid()), 60);
            assertEquals(0, r.code(), r.printed());
            assertOutput("dump", r.printed());
        }
    }

    /** serve on its default port; the clients' block runs from another shell while it samples the demo. */
    @Test
    void serveAndItsClients() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/go")), "go not found: apt-get install golang-go (./test does)");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 9464), 200);
            throw new AssertionError("port 9464, the README's serve port, is taken by another process");
        } catch (java.io.IOException free) {
            // as it should be
        }
        Process serve = shell.start("serve", example("serve", demo.pid()), Map.of());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!shell.read("serve.err").contains("sampling JVM " + demo.pid())) {
            assertTrue(serve.isAlive() && System.currentTimeMillis() < deadline, "serve did not start: "
                    + shell.read("serve.err"));
            Thread.sleep(200);
        }
        ReadmeShell.Result r = shell.run("serve-clients", example("serve-clients"),
                Map.of("HOME", shell.dir.toString(), "PPROF_TMPDIR", shell.dir.toString()), 120);
        assertEquals(0, r.code(), r.printed());
        assertOutput("serve-clients", r.printed());
        assertTrue(r.out().contains("Type: wall") && r.out().contains("flat%"), "go tool pprof -top read serve's "
                + "wall-clock profile: " + r.printed());
        assertTrue(r.out().contains("EPoll"), "the profile holds the demo's selector thread: " + r.out());
        new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).start().waitFor();
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        assertEquals(0, serve.exitValue(), shell.read("serve.err"));
    }

    @Test
    void diff() throws Exception {
        ReadmeShell.Result r = shell.run("diff", example("diff", demo.pid()), 180);
        assertEquals(0, r.code(), r.printed());
        assertOutput("diff", r.printed());
        Recorded.assertWellFormedXml(shell.dir.resolve("diff.svg"));
        Recorded.assertWellFormedXml(shell.dir.resolve("before.svg"));
    }
}
