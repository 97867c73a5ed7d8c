package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jspy.cli.attach.SafetyFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Root refused by the kernel is told why, not "run with sudo" (issue 13): jspy runs as root with a
 * capability taken away the way a container or a systemd unit takes it (setpriv drops it from the
 * bounding set, so the exec'd JVM and its jattach never have it), or as root of a user namespace,
 * against a JVM of a second real user. A jspy with its capabilities attaches to the same JVM.
 */
class RootCauseIT {
    private Path work;

    static Stream<Arguments> jdks() {
        return Jdks.required().stream().map(Arguments::of);
    }

    @BeforeEach
    void setUp() throws Exception {
        SafetyFixtures.testUser(); // fails loudly unless root
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv")) || !Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            throw new AssertionError("setpriv and unshare are missing: apt-get install -y util-linux");
        }
        work = SafetyTarget.workDir("rootcause");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void rootWithoutSysPtraceIsToldWhichCapabilityIsMissing(int jdk) throws Exception {
        try (SafetyTarget t = SafetyTarget.start(work, jdk, SafetyFixtures.asTestUser(List.of()), Map.of()).awaitReady()) {
            String[] run = jspy(List.of("setpriv", "--bounding-set=-sys_ptrace", "--inh-caps=-all", "--"), "record",
                    "-p", Long.toString(t.pid()), "-d", "1", "-o", work.resolve("p.svg").toString());
            assertRefused(run, "jspy runs as root without CAP_SYS_PTRACE,", "--cap-add=SYS_PTRACE");
            String[] control = jspy(List.of(), "dump", "-p", Long.toString(t.pid()));
            assertEquals("0", control[0], "with its capabilities root attaches: " + control[1]);
            assertTrue(t.jvmAlive(), "the target died");
            assertEquals("", t.printed(), "the target printed something");
        }
    }

    /** Each capability measured as needed for another user's JVM is named when it alone is missing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dac_override", "chown", "setuid", "setgid"})
    void eachNeededCapabilityIsNamed(String capability) throws Exception {
        try (SafetyTarget t = SafetyTarget.start(work, 17, SafetyFixtures.asTestUser(List.of()), Map.of()).awaitReady()) {
            String[] run = jspy(List.of("setpriv", "--bounding-set=-" + capability, "--inh-caps=-all", "--"), "dump",
                    "-p", Long.toString(t.pid()));
            String name = capability.toUpperCase(java.util.Locale.ROOT);
            assertRefused(run, "jspy runs as root without CAP_" + name + ",", "--cap-add=" + name);
            assertTrue(t.jvmAlive(), "the target died");
            assertEquals("", t.printed(), "the target printed something");
        }
    }

    @Test
    void rootOfAUserNamespaceIsToldItsRootEndsThere() throws Exception {
        try (SafetyTarget t = SafetyTarget.start(work, 17, SafetyFixtures.asTestUser(List.of()), Map.of()).awaitReady()) {
            String[] run = jspy(List.of("unshare", "--user", "--map-root-user"), "dump", "-p", Long.toString(t.pid()));
            assertRefused(run, "jspy is root only inside a user namespace (uid_map 0 0 1)", "as root on the host");
            assertEquals("", t.printed(), "the target printed something");
        }
    }

    private static void assertRefused(String[] run, String cause, String hint) {
        String err = run[1];
        assertEquals("5", run[0], "exit code PERMISSION expected: " + err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("jspy: not permitted to ") && err.contains(cause), "names the cause: " + err);
        assertTrue(err.contains("(hint: ") && err.contains(hint), "hint: " + err);
        assertFalse(err.contains("sudo"), "root is not told to use sudo: " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
    }

    /** The built jspy under a wrapper: {exit code, stderr}. */
    private String[] jspy(List<String> wrapper, String... args) throws Exception {
        String jar = System.getProperty("jspy.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new AssertionError("jspy.jar not built (" + jar + "): run 'mvn verify'");
        }
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(work, "jspy", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jspy did not finish in 60 s: " + Files.readString(err));
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(err, StandardCharsets.UTF_8)};
    }
}
