package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** jspy record -- COMMAND: every JVM of the command is profiled; stdin, stdout and exit code pass through. */
class LaunchIT {
    private static final Pattern PROCESS = Pattern.compile("\\[[a-z]+\\];(pid \\d+: [^;]+);");

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void childJvmsAreProfiledAndTheCommandIsUntouched(int jdk) throws Exception {
        JspyRun jspy = JspyRun.start(dir, "record", "-o", "fork.svg", "-f", "svg,collapsed", "--threads", "--",
                Jdks.java(jdk).toString(), "-cp", System.getProperty("jspy.testapps.classpath"),
                "jspy.testapps.ForkApp", "3", "7");
        try (OutputStream stdin = jspy.process.getOutputStream()) {
            stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(7, jspy.await(60), "the command's exit code passes through; stderr: " + jspy.stderr());
        assertEquals("echo: hello\n", jspy.stdout(), "stdin and stdout pass through, nothing added");
        assertFalse(jspy.stderr().contains("Picked up"), "JVM notes about our options are hidden: " + jspy.stderr());
        assertEquals(2, processes(dir.resolve("fork.collapsed")).size(), "one root frame per JVM");
        Recorded rec = new Recorded(dir.resolve("fork.collapsed"), 2);
        assertTrue(rec.total("fork-parent-worker") > 50 && rec.share("fork-parent-worker", "cpu") > 0.9,
                "parent: " + rec.buckets("fork-parent-worker"));
        assertTrue(rec.total("fork-child-worker") > 50 && rec.share("fork-child-worker", "cpu") > 0.9,
                "child: " + rec.buckets("fork-child-worker"));
        Recorded.assertWellFormedXml(dir.resolve("fork.svg"));
        assertTrue(Files.readString(dir.resolve("fork.svg")).contains("2 JVMs"), "the header counts the JVMs");
    }

    @Test
    void mavenSurefireForkShowsItsTestMethods() throws Exception {
        Path project = dir.resolve("maven-sample");
        copy(Path.of(System.getProperty("jspy.repo"), "cli/src/test/resources/maven-sample"), project);
        JspyRun jspy = JspyRun.start(project, "record", "-o", "tests.collapsed", "-f", "collapsed", "--", "mvn", "-o",
                "-q", "test");
        assertEquals(0, jspy.await(180), jspy.stderr());
        String collapsed = Files.readString(project.resolve("tests.collapsed"));
        Set<String> processes = processes(project.resolve("tests.collapsed"));
        assertTrue(processes.size() >= 2, "Maven and its surefire fork: " + processes);
        assertTrue(collapsed.lines().anyMatch(l -> l.contains("surefire") && l.contains("sample/PrimesTest.countsPrimesForAWhile")),
                "the fork's test method appears under the fork's root frame");
        assertFalse(jspy.stdout().contains("Picked up") || jspy.stderr().contains("Picked up"), jspy.stderr());
    }

    @Test
    void aCommandThatCannotStartGetsOneLine() throws Exception {
        JspyRun jspy = JspyRun.run(dir, 30, "record", "-o", "x.svg", "--", "/nonexistent/command");
        assertEquals(127, jspy.exitCode());
        assertTrue(jspy.stderr().startsWith("jspy: cannot run '/nonexistent/command'"), jspy.stderr());
        assertEquals(1, jspy.stderr().lines().count(), jspy.stderr());
    }

    private static Set<String> processes(Path collapsed) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(collapsed)) {
            Matcher m = PROCESS.matcher(line);
            if (m.lookingAt()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
