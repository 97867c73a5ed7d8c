package jspy.cli.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SafeFiles on links planted in advance (the race itself is SafeFilesRaceTest). */
class SafeFilesTest {
    private static final FileTime OLD = FileTime.fromMillis(946_684_800_000L);

    @TempDir
    Path tmp;

    @Test
    void touchReplacesALinkAndLeavesItsTargetAlone() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "x");
        Files.setLastModifiedTime(victim, OLD);
        Path dir = Files.createDirectory(tmp.resolve("s"));
        Files.createSymbolicLink(dir.resolve("heartbeat"), victim);
        long before = System.currentTimeMillis() - 1000;
        SafeFiles.touch(dir, "heartbeat");
        assertEquals(OLD, Files.getLastModifiedTime(victim));
        assertTrue(Files.isRegularFile(dir.resolve("heartbeat"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.getLastModifiedTime(dir.resolve("heartbeat")).toMillis() >= before);
        SafeFiles.touch(dir, "heartbeat");
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "no temporary file left behind");
        }
    }

    @Test
    void createEmptyNeverCreatesThroughADanglingLink() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("s"));
        Files.createSymbolicLink(dir.resolve("stop"), tmp.resolve("elsewhere"));
        assertFalse(SafeFiles.createEmpty(dir, "stop"));
        assertFalse(Files.exists(tmp.resolve("elsewhere"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(SafeFiles.createEmpty(dir, "new"));
        assertFalse(SafeFiles.createEmpty(dir, "new"));
    }

    @Test
    void deleteTreeUnlinksLinksWithoutEnteringThem() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious"), "x");
        Path dir = Files.createDirectories(tmp.resolve("s/sub/deeper"));
        Files.writeString(dir.resolve("f"), "f");
        Files.createSymbolicLink(tmp.resolve("s/sub/link"), outside);
        Files.createSymbolicLink(tmp.resolve("s/filelink"), precious);
        SafeFiles.deleteTree(tmp.resolve("s"));
        assertFalse(Files.exists(tmp.resolve("s"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(precious));
        SafeFiles.deleteTree(tmp.resolve("s")); // gone already: fine
    }

    @Test
    void deleteTreeOfALinkRemovesOnlyTheLink() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "x");
        Files.createSymbolicLink(tmp.resolve("s"), outside);
        SafeFiles.deleteTree(tmp.resolve("s"));
        assertTrue(Files.exists(outside.resolve("precious")));
        assertFalse(Files.exists(tmp.resolve("s"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkOwnedByAnotherUserIsNotFollowedOnTheWay() throws Exception {
        SafetyFixtures.requireRoot("it plants a link owned by another uid");
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(real.resolve("f"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Files.setAttribute(link, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        IOException e = assertThrows(IOException.class, () -> SafeFiles.read(link, "f", 10));
        assertTrue(e.getMessage().contains("symbolic link owned by another user"), e.getMessage());
        Files.setAttribute(link, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        assertEquals("x", SafeFiles.read(link, "f", 10), "a link root owns is followed");
    }

    @Test
    void readReturnsNullForAbsentOrNonRegularFilesAndBoundsTheSize() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("s"));
        Files.writeString(dir.resolve("big"), "0123456789");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("big"));
        assertEquals("0123", SafeFiles.read(dir, "big", 4));
        assertEquals(null, SafeFiles.read(dir, "missing", 4));
        assertEquals(null, SafeFiles.read(dir, "link", 4));
    }
}
