package jspy.cli.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root works in a directory a real second user owns while that user exchanges a directory or
 * file on root's path with a symbolic link to root's own files, thousands of times a second
 * (renameat2 RENAME_EXCHANGE, as the attack in issue 11). Each case first shows that the harness
 * fools the path-based code jspy had (the control), then that SafeFiles never touches the victim.
 */
class SafeFilesRaceTest {
    /** Rounds of the safe operation: many times what the control needs to be fooled. */
    private static final int ROUNDS = Integer.getInteger("jspy.race.rounds", 600);
    /** The control runs until fooled; under load (2 shared cores) that took from 1 to ~600 rounds. */
    private static final long CONTROL_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final List<String> SESSION_FILES = List.of("snapshot", "info", "heartbeat");
    private static final FileTime OLD = FileTime.fromMillis(946_684_800_000L);

    @TempDir
    Path tmp;
    private int[] user;
    private Path victim;
    private Path precious;
    private Process swapper;

    @BeforeEach
    void setUp() throws Exception {
        SafetyFixtures.requireRoot("the attacker runs as another user against root");
        user = SafetyFixtures.testUser();
        SafetyFixtures.run("chmod", "755", tmp.toString());
        victim = Files.createDirectory(tmp.resolve("victim"));
        precious = Files.writeString(victim.resolve("precious"), "root's");
        Files.setPosixFilePermissions(precious, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(precious, OLD);
    }

    @AfterEach
    void stopSwapper() throws InterruptedException {
        if (swapper != null) {
            // runuser does not pass SIGKILL on: the swapper below it must be killed itself
            swapper.descendants().forEach(ProcessHandle::destroyForcibly);
            swapper.destroyForcibly();
            swapper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void deleteTreeNeverDeletesThroughASwappedInLink() throws Exception {
        // root's files with the names of session files: a path-based delete of s/sub/info that
        // resolves while sub is the link removes victim/info
        for (String f : SESSION_FILES) {
            Files.writeString(victim.resolve(f), "root's");
        }
        Path session = tmp.resolve("u/s");
        session(session);
        attack(session.resolve("sub"), session.resolve("evil"), victim);
        int hits = control(() -> {
            session(session);
            try (Stream<Path> files = Files.walk(session)) { // AgentDir.delete before issue 11
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }, () -> victimCount() < SESSION_FILES.size() + 1, () -> {
            // the walk may have opened sub while it was the link and listed precious too (CI run of
            // stop 15: round 0 saw 3 files because only the session names were restored)
            for (String f : SESSION_FILES) {
                Files.writeString(victim.resolve(f), "root's");
            }
            Files.writeString(precious, "root's");
        });
        assertTrue(hits > 0, "the harness never fooled the path-based delete: the test would prove nothing");
        assertEquals(SESSION_FILES.size() + 1, victimCount(), "the control's repair left the victim incomplete");
        for (int i = 0; i < ROUNDS; i++) {
            session(session);
            quietly(() -> SafeFiles.deleteTree(session));
            assertEquals(SESSION_FILES.size() + 1, victimCount(), "root's file deleted through a link in round " + i);
        }
    }

    private long victimCount() throws IOException {
        try (Stream<Path> files = Files.list(victim)) {
            return files.filter(p -> p.getFileName().toString().equals("precious")
                    || SESSION_FILES.contains(p.getFileName().toString())).count();
        }
    }

    @Test
    void touchNeverAdvancesTheMtimeOfALinkTarget() throws Exception {
        Path session = Files.createDirectories(tmp.resolve("u/s"));
        Files.writeString(session.resolve("heartbeat"), "");
        attack(session.resolve("heartbeat"), session.resolve("evil"), precious);
        int hits = control(() -> Files.setLastModifiedTime(session.resolve("heartbeat"), FileTime.fromMillis(
                System.currentTimeMillis())), () -> !Files.getLastModifiedTime(precious).equals(OLD),
                () -> Files.setLastModifiedTime(precious, OLD));
        assertTrue(hits > 0, "the harness never fooled the path-based touch");
        for (int i = 0; i < ROUNDS * 4; i++) { // the control was fooled after 1 to 525 touches
            quietly(() -> SafeFiles.touch(session, "heartbeat"));
            quietly(() -> SafeFiles.createEmpty(session, "heartbeat"));
        }
        assertEquals(OLD, Files.getLastModifiedTime(precious), "root's file touched through a link");
        assertEquals("root's", Files.readString(precious));
    }

    @Test
    void installNeverCreatesOrChmodsThroughASwappedBase() throws Exception {
        Path tmpLike = Files.createDirectory(tmp.resolve("p"));
        SafetyFixtures.run("chmod", "1777", tmpLike.toString());
        Path base = tmpLike.resolve("jspy-" + user[0]);
        Files.createDirectory(base);
        Files.writeString(base.resolve("precious"), "user's");
        chownToUser(base);
        chownToUser(base.resolve("precious"));
        attack(base, tmpLike.resolve("evil"), victim);
        int hits = control(() -> Files.setPosixFilePermissions(base.resolve("precious"), // PrivateDir before issue 11
                PosixFilePermissions.fromString("r-x------")), () -> !mode(precious).equals("rw-r--r--"),
                () -> Files.setPosixFilePermissions(precious, PosixFilePermissions.fromString("rw-r--r--")));
        assertTrue(hits > 0, "the harness never fooled the path-based chmod");
        Map<String, String[]> files = Map.of("jattach", new String[] {"/jspy/embedded/libs/jattach-4.2-linux-x64", "r-x------"});
        for (int i = 0; i < ROUNDS; i++) {
            quietly(() -> {
                try (SafeDir p = SafeDir.open(tmpLike); SafeDir b = PrivateDir.ensure(p, base.getFileName().toString(),
                        user[0], user[1])) {
                    PrivateDir.installAll(b, "h", files, user[0], user[1]);
                    SafeFiles.deleteEntry(b, "h", 0);
                }
            });
        }
        try (Stream<Path> inVictim = Files.list(victim)) {
            assertEquals(List.of(precious), inVictim.toList(), "something was created in root's directory");
        }
        assertEquals("rw-r--r--", mode(precious));
        assertEquals(0, (int) (Integer) Files.getAttribute(precious, "unix:uid"));
    }

    /** The test user exchanges a and b (b a link to target) until the test ends. */
    private void attack(Path a, Path b, Path target) throws Exception {
        Files.createDirectories(b.getParent());
        if (!Files.exists(b, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(b, target);
        }
        for (Path p = b; !p.equals(tmp); p = p.getParent()) {
            chownToUser(p);
        }
        Path bin = SafetyFixtures.compile("swapper", SafetyFixtures.openDir(tmp.resolve("bin")));
        swapper = new ProcessBuilder(SafetyFixtures.asTestUser(List.of(bin.toString(), a.toString(), b.toString(),
                "300"))).redirectErrorStream(true).start();
        Thread.sleep(200);
        if (!swapper.isAlive()) {
            throw new AssertionError("swapper did not start: "
                    + new String(swapper.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A fresh session directory of the test user: a subdirectory with files, beside the link. */
    private void session(Path session) throws IOException {
        quietly(() -> SafeFiles.deleteTree(session.resolve("sub")));
        Files.createDirectories(session.resolve("sub"));
        if (!Files.exists(session.resolve("evil"), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(session.resolve("evil"), victim);
            chownToUser(session.resolve("evil"));
        }
        for (String f : SESSION_FILES) {
            Files.writeString(session.resolve("sub").resolve(f), f);
        }
        chownToUser(session);
        chownToUser(session.resolve("sub"));
    }

    interface IoAction {
        void run() throws IOException;
    }

    interface IoCheck {
        boolean harmed() throws IOException;
    }

    /** Runs the old path-based action until it harms the victim (repaired each time); the hits. */
    private int control(IoAction action, IoCheck harmed, IoAction repair) throws IOException {
        int hits = 0;
        long start = System.nanoTime();
        int i = 0;
        for (; System.nanoTime() - start < CONTROL_NANOS && hits < 1; i++) {
            quietly(action);
            if (harmed.harmed()) {
                hits++;
                repair.run();
            }
        }
        System.out.printf("%s: control fooled after %d rounds (%.1f ms a round)%n", getClass().getSimpleName(), i,
                (System.nanoTime() - start) / 1e6 / i);
        return hits;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException expected) {
            // the attacker made this round fail; only harm counts
        }
    }

    private void chownToUser(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", user[0], LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", user[1], LinkOption.NOFOLLOW_LINKS);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
