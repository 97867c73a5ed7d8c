package jspy.cli.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * Directories only one user can touch. What jspy runs (jattach) and what the target loads
 * (libasyncProfiler.so, the agent jar) live in them: a directory another user could write to
 * would let that user run code as root the next time root attaches. All work goes through
 * {@link SafeDir}: the target's user owns these directories and may race us.
 */
final class PrivateDir {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDir() {
    }

    /** Creates dir (0700, owned by uid:gid) or checks that an existing one is safe; its path without links. */
    static Path ensure(Path dir, int uid, int gid) {
        Path abs = dir.toAbsolutePath().normalize();
        try (SafeDir parent = SafeDir.open(abs.getParent()); SafeDir d = ensure(parent, abs.getFileName().toString(), uid, gid)) {
            return d.path();
        } catch (IOException e) {
            throw unsafe(dir, uid, gid, e);
        }
    }

    /**
     * name inside parent, created or checked. mkdir goes through the parent's descriptor and the
     * new directory is chowned through its own (fchown): never by a path a user could redirect.
     */
    static SafeDir ensure(SafeDir parent, String name, int uid, int gid) throws IOException {
        try {
            Files.createDirectory(parent.descriptorPath().resolve(name), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException exists) {
            // ours from before, or another jspy's right now: checked below like any other
        }
        SafeDir d = parent.child(name);
        try {
            PosixFileAttributes a = d.attributes();
            if (ownedBy(a, currentUid()) && uid != currentUid()) {
                // made by us (now, or by a jspy killed before its chown): hand it over
                d.view().setGroup(lookup().lookupPrincipalByGroupName(Integer.toString(gid)));
                d.view().setOwner(user(uid));
                a = d.attributes();
            }
            Set<PosixFilePermission> perms = a.permissions();
            if (!ownedBy(a, uid) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException("not a private directory of uid " + uid);
            }
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * Puts files (name -> resource, mode) into dir/name unless a complete copy is there: written
     * into a fresh directory of our own first, where nobody else can swap a name, handed over to
     * uid, then renamed into place in one step.
     */
    static Path installAll(SafeDir dir, String name, Map<String, String[]> files, int uid, int gid) throws IOException {
        if (!complete(dir, name, files.keySet(), uid)) {
            String staging = uniqueName("i-");
            try (SafeDir s = ensure(dir, staging, currentUid(), currentGid())) {
                for (Map.Entry<String, String[]> f : files.entrySet()) {
                    try (InputStream in = resource(f.getValue()[0])) {
                        SafeFiles.write(s, f.getKey(), in, f.getValue()[1]);
                    }
                    chown(s, f.getKey(), uid, gid); // s is ours alone, so a name in it is safe
                }
            }
            try (SafeDir s = ensure(dir, staging, uid, gid)) {
                dir.stream().move(Path.of(staging), dir.stream(), Path.of(name));
            } catch (IOException raced) {
                SafeFiles.deleteEntry(dir, staging, 0); // another jspy put its copy there first
            }
            if (!complete(dir, name, files.keySet(), uid)) {
                throw new IOException(dir.path().resolve(name) + " is incomplete or not owned by uid " + uid);
            }
        }
        return dir.path().resolve(name);
    }

    private static boolean complete(SafeDir dir, String name, Set<String> files, int uid) {
        try (SafeDir d = dir.child(name)) {
            if (!ownedBy(d.attributes(), uid)) {
                return false;
            }
            for (String f : files) {
                if (!d.attributes(f).isRegularFile()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InputStream resource(String resource) {
        InputStream in = PrivateDir.class.getResourceAsStream(resource);
        if (in == null) {
            throw new JspyException(ExitCode.ERROR, "this jspy build lacks " + resource, "rebuild with 'mvn package'");
        }
        return in;
    }

    private static void chown(SafeDir d, String name, int uid, int gid) throws IOException {
        if (uid != currentUid()) {
            d.view(name).setGroup(lookup().lookupPrincipalByGroupName(Integer.toString(gid)));
            d.view(name).setOwner(user(uid));
        }
    }

    /** A directory for uid:gid that cannot be used; a refusal as root names the capability it lacked. */
    static JspyException unsafe(Path dir, int uid, int gid, IOException e) {
        JspyException denied = RootCause.deniedFile("not permitted to use " + dir, uid, gid, e);
        return denied != null ? denied : new JspyException(ExitCode.ATTACH_FAILED, "cannot use " + dir + ": " + e.getMessage(),
                "check free space and permissions; jspy recreates its directories with mode 0700 if removed", e);
    }

    /** True if uid owns the file; the JDK compares principals by number. */
    static boolean ownedBy(PosixFileAttributes a, int uid) throws IOException {
        return a.owner().equals(user(uid));
    }

    /** A numeric uid as a principal (the JDK takes the number when no user has it as a name). */
    static UserPrincipal user(int uid) throws IOException {
        return lookup().lookupPrincipalByName(Integer.toString(uid));
    }

    private static UserPrincipalLookupService lookup() {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService();
    }

    /**
     * A directory name no other jspy picks: unique, not secret, since it lives inside a private
     * directory. (SecureRandom's seeding cost ~20 ms of every attach.)
     */
    static String uniqueName(String prefix) {
        return prefix + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + HexFormat.of().toHexDigits(System.nanoTime() ^ ThreadLocalRandom.current().nextLong());
    }

    static int currentUid() {
        return procSelf("unix:uid");
    }

    static int currentGid() {
        return procSelf("unix:gid");
    }

    private static int procSelf(String attribute) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), attribute);
        } catch (IOException e) {
            throw new JspyException(ExitCode.ERROR, "cannot read /proc/self", "jspy needs Linux with /proc mounted", e);
        }
    }
}
