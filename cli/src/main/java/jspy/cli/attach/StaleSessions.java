package jspy.cli.attach;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jspy.cli.base.Log;

/**
 * Session directories a killed jspy left behind. The agent stops by itself 3 s after the last
 * heartbeat, but nothing removed its directory. Removed here on the next run: only names jspy
 * gives (s-, d-, i- plus the creating jspy's PID), real directories owned by the directory's user or
 * us, untouched for longer than {@link #STALE_MILLIS}, and whose jspy process is gone.
 */
final class StaleSessions {
    private static final Pattern OURS = Pattern.compile("[sdi]-([0-9a-f]{1,16})-[0-9a-f]+");
    /** Far beyond a live session's silence: heartbeats come twice a second. */
    static final long STALE_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private StaleSessions() {
    }

    /** Best effort: a directory we cannot judge or remove stays, and the attach goes on. */
    static void clean(SafeDir base) {
        List<String> names = new ArrayList<>();
        try {
            for (Path p : base.stream()) {
                names.add(p.getFileName().toString());
            }
            PosixFileAttributes owner = base.attributes();
            for (String name : names) {
                if (stale(base, name, owner)) {
                    Log.debug("removing stale session directory " + base.path().resolve(name));
                    SafeFiles.deleteEntry(base, name, 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("could not clean stale sessions in " + base.path() + ": " + e);
        }
    }

    static boolean stale(SafeDir base, String name, PosixFileAttributes baseAttributes) throws IOException {
        Matcher m = OURS.matcher(name);
        if (!m.matches() || ProcessHandle.of(Long.parseUnsignedLong(m.group(1), 16)).isPresent()) {
            return false;
        }
        PosixFileAttributes a = base.attributes(name);
        boolean owned = a.owner().equals(baseAttributes.owner()) || PrivateDir.ownedBy(a, PrivateDir.currentUid());
        if (!a.isDirectory() || !owned) {
            return false;
        }
        long newest = a.lastModifiedTime().toMillis();
        try (SafeDir d = base.child(name)) {
            newest = Math.max(newest, d.attributes("heartbeat").lastModifiedTime().toMillis());
        } catch (NoSuchFileException none) {
            // a one-shot or staging directory has no heartbeat
        }
        return System.currentTimeMillis() - newest > STALE_MILLIS;
    }
}
