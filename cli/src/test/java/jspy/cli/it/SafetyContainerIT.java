package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jspy.cli.attach.SafetyFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Targets in their own mount namespace, run as a second user: the library and agent land in the
 * target's own /tmp, and nothing is written outside the target's root (issue 11).
 */
class SafetyContainerIT {
    private Path work;
    private int uid;

    static Stream<Arguments> jdks() {
        return Jdks.required().stream().map(Arguments::of);
    }

    @BeforeEach
    void setUp() throws Exception {
        uid = SafetyFixtures.testUser()[0]; // fails loudly unless root
        work = SafetyTarget.workDir("container");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aPrivateTmpGetsTheLibraryInItsOwnTmp(int jdk) throws Exception {
        List<String> wrapper = List.of("unshare", "-m", "--propagation", "private", "sh", script("private-tmp.sh"),
                SafetyFixtures.USER);
        try (SafetyTarget t = SafetyTarget.start(work, jdk, wrapper, Map.of()).awaitReady()) {
            long pid = t.pid();
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")),
                    Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns/mnt")), "not in its own namespace");
            assertTrue(Files.isSameFile(Path.of("/proc", Long.toString(pid), "root"), Path.of("/")), "same root");
            recordWorks(pid);
            assertTrue(Files.isDirectory(Path.of("/proc", Long.toString(pid), "root/tmp/jspy-" + uid)));
            assertEquals("", t.printed());
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aContainerWhoseTmpIsAnAbsoluteLinkGetsNothingWrittenOnTheHost(int jdk) throws Exception {
        Path hostVarTmp = Path.of("/var/tmp/jspy-" + uid);
        assertFalse(Files.exists(hostVarTmp, LinkOption.NOFOLLOW_LINKS), hostVarTmp + " exists before the test "
                + "(left by an older jspy?): remove it and run again");
        List<String> wrapper = List.of("unshare", "-m", "--propagation", "private", "--pid", "--fork", "sh",
                script("container.sh"), work.resolve("root").toString(), work.toString(), SafetyFixtures.USER);
        try (SafetyTarget t = SafetyTarget.start(work, jdk, wrapper, Map.of()).awaitReady()) {
            long pid = t.pid();
            Path root = Path.of("/proc", Long.toString(pid), "root");
            assertEquals("/var/tmp", Files.readSymbolicLink(root.resolve("tmp")).toString());
            recordWorks(pid);
            JspyRun dump = JspyRun.run(work, 60, "dump", "-p", Long.toString(pid));
            assertEquals(0, dump.exitCode(), dump.stderr());
            assertTrue(Files.isDirectory(root.resolve("var/tmp/jspy-" + uid), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(hostVarTmp, LinkOption.NOFOLLOW_LINKS), "jspy wrote into the host's /var/tmp");
            assertEquals("", t.printed());
        }
    }

    private void recordWorks(long pid) throws Exception {
        JspyRun jspy = JspyRun.run(work, 60, "record", "-p", Long.toString(pid), "-d", "2", "-f", "collapsed", "-o",
                work.resolve("ns.collapsed").toString());
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        assertTrue(Files.readString(work.resolve("ns.collapsed")).contains("SocketDispatcher"),
                "no socket reader in the profile");
    }

    private String script(String name) throws Exception {
        Path file = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/safety/" + name)) {
            Files.copy(in, file);
        }
        return file.toString();
    }
}
