package jspy.cli.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only our own, abandoned, old session directories go; nothing is followed out of the base. */
class StaleSessionsTest {
    /** Above any pid_max (4194304 by default, 2^22 at most): no process has it. */
    private static final String DEAD = Long.toHexString(0x7fffff00L);
    private static final FileTime OLD = FileTime.fromMillis(System.currentTimeMillis() - 10 * StaleSessions.STALE_MILLIS);

    @TempDir
    Path tmp;

    @Test
    void removesOnlyAbandonedOldDirectoriesOfOurs() throws Exception {
        Path base = Files.createDirectory(tmp.resolve("jspy-base"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "x");
        String live = Long.toHexString(ProcessHandle.current().pid());
        session(base, "s-" + DEAD + "-1", OLD, OLD);                  // abandoned: goes
        session(base, "d-" + DEAD + "-2", OLD, null);                 // abandoned one-shot: goes
        session(base, "s-" + live + "-3", OLD, OLD);                  // its jspy still runs
        session(base, "s-" + DEAD + "-4", now(), null);               // too young
        session(base, "s-" + DEAD + "-5", OLD, now());                // heartbeat still fresh
        session(base, "notours", OLD, OLD);                           // not a name jspy gives
        Files.createSymbolicLink(base.resolve("s-" + DEAD + "-6"), outside);
        try (SafeDir d = SafeDir.open(base)) {
            StaleSessions.clean(d);
        }
        TreeSet<String> left = new TreeSet<>();
        try (Stream<Path> entries = Files.list(base)) {
            entries.forEach(p -> left.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("s-" + live + "-3", "s-" + DEAD + "-4", "s-" + DEAD + "-5", "notours",
                "s-" + DEAD + "-6")), left);
        assertTrue(Files.exists(outside.resolve("precious")));
        assertTrue(Files.isSymbolicLink(base.resolve("s-" + DEAD + "-6")));
    }

    private static FileTime now() {
        return FileTime.fromMillis(System.currentTimeMillis());
    }

    private static void session(Path base, String name, FileTime dirTime, FileTime heartbeat) throws Exception {
        Path d = Files.createDirectory(base.resolve(name));
        Files.writeString(d.resolve("snapshot"), "a;b 1\n");
        if (heartbeat != null) {
            Files.setLastModifiedTime(Files.writeString(d.resolve("heartbeat"), ""), heartbeat);
        }
        Files.getFileAttributeView(d, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(dirTime, null, null);
    }
}
