package jspy.cli.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * Directories only one user can touch. What jspy runs (jattach) and what the target loads
 * (libasyncProfiler.so, the agent jar) live in them: a directory another user could write to
 * would let that user run code as root the next time root attaches.
 */
final class PrivateDir {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDir() {
    }

    /** Creates dir (0700, owned by uid:gid) or checks that an existing one is safe. */
    static Path ensure(Path dir, int uid, int gid) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    chown(dir, uid, gid);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another jspy made it first: check it like any existing one
                }
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || owner != uid
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new JspyException(ExitCode.ATTACH_FAILED, "unsafe directory " + dir + " (not a private directory "
                        + "of uid " + uid + ")", "remove it; jspy recreates it with mode 0700");
            }
            return dir;
        } catch (IOException e) {
            throw new JspyException(ExitCode.ATTACH_FAILED, "cannot create " + dir + ": " + e.getMessage(),
                    "check free space and permissions of its parent", e);
        }
    }

    /**
     * A directory name no other jspy picks: unique, not secret, since it lives inside a private
     * directory. (SecureRandom's seeding cost ~20 ms of every attach.)
     */
    static String uniqueName(String prefix) {
        return prefix + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + HexFormat.of().toHexDigits(System.nanoTime() ^ ThreadLocalRandom.current().nextLong());
    }

    /** Writes a resource to file atomically unless a file of that name (content-addressed) exists. */
    static Path install(String resource, Path file, String mode, int uid, int gid) {
        if (Files.exists(file)) {
            return file;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try (InputStream in = PrivateDir.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new JspyException(ExitCode.ERROR, "this jspy build lacks " + resource, "rebuild with 'mvn package'");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            chown(tmp, uid, gid);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new JspyException(ExitCode.ATTACH_FAILED, "cannot write " + file + ": " + e.getMessage(),
                    "check free space in " + file.getParent(), e);
        }
    }

    static void chown(Path p, int uid, int gid) throws IOException {
        if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) {
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new JspyException(ExitCode.ERROR, "cannot read /proc/self", "jspy needs Linux with /proc mounted", e);
        }
    }

    static int currentGid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException e) {
            throw new JspyException(ExitCode.ERROR, "cannot read /proc/self", "jspy needs Linux with /proc mounted", e);
        }
    }
}
