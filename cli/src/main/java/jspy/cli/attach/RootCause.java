package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * Why the kernel refused jspy, named from /proc: "run with sudo" is no help to a jspy that already
 * runs as root. Only the rules that govern what jspy does are checked (Linux 6.x):
 * <ul>
 * <li>Capabilities count only in the user namespace that holds them and in its descendants
 * (user_namespaces(7)): root of a container's user namespace has none over a JVM outside it,
 * although its CapEff looks complete.</li>
 * <li>A JVM of another uid needs, in jspy's effective set: CAP_SYS_PTRACE (/proc/PID/root and
 * /proc/PID/ns pass ptrace_may_access(PTRACE_MODE_READ_FSCREDS), fs/proc/base.c), CAP_DAC_OVERRIDE
 * (jspy writes into the target user's 0700 /tmp/jspy-UID), CAP_CHOWN (it hands files to that uid),
 * CAP_SETUID and CAP_SETGID (jattach takes the JVM's euid/egid for the attach socket). Measured on
 * 6.18 by dropping each from the bounding set: each alone makes attach fail; dropping
 * CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_KILL or CAP_SYS_ADMIN does not.</li>
 * </ul>
 * Not checked, on purpose: kernel.yama.ptrace_scope. Yama judges only PTRACE_MODE_ATTACH
 * (security/yama/yama_lsm.c, yama_ptrace_access_check); jspy never ptraces, reads /proc/PID/mem or
 * calls process_vm_readv, so not even scope 3 stops it, and blaming it would send users to the
 * wrong knob. Nor the PID namespace: a JVM outside jspy's has no /proc entry jspy could see, which
 * is "no process", not a permission.
 */
final class RootCause {
    /** Without root this stays the hint: the user can become the target's user or root. */
    static final String USER_HINT = "run jspy as the target's user, or with sudo";
    static final String ROOT_HINT = "jspy runs as root with the capabilities attach needs: a security module "
            + "(SELinux, AppArmor) or a seccomp filter may deny it; see 'dmesg' or the audit log";
    /** Capability bits (linux/capability.h) in the order attach needs them, and their names. */
    private static final int[] NEEDED = {19, 1, 0, 7, 6};
    private static final String[] NAMES = {"SYS_PTRACE", "DAC_OVERRIDE", "CHOWN", "SETUID", "SETGID"};
    /** The initial user namespace's map: every id to itself. */
    private static final String IDENTITY_MAP = "0 0 4294967295";

    /** What went wrong, and what to do about it. */
    record Cause(String what, String hint) {
    }

    /** The kernel's facts: our ids, capabilities and uid_map; the target's ids and uid_map (null: unknown). */
    record Facts(int euid, int egid, long capEff, String uidMap, int targetUid, int targetGid, String targetUidMap) {
        /** From the text of /proc/self/status and uid_map and the target's, as the kernel prints them. */
        static Facts parse(String selfStatus, String selfUidMap, String targetStatus, String targetUidMap) {
            return new Facts(id(selfStatus, "Uid:"), id(selfStatus, "Gid:"), Long.parseUnsignedLong(TargetJvm.field(selfStatus, "CapEff:"), 16),
                    normal(selfUidMap), id(targetStatus, "Uid:"), id(targetStatus, "Gid:"), normal(targetUidMap));
        }
    }

    private RootCause() {
    }

    /** The cause, or null when these facts do not explain a refusal (or jspy is not root). */
    static Cause explain(Facts f) {
        if (f.euid() != 0) {
            return null;
        }
        if (f.uidMap() != null && !f.uidMap().equals(IDENTITY_MAP) && f.targetUidMap() != null
                && !f.targetUidMap().equals(f.uidMap())) {
            return new Cause("jspy is root only inside a user namespace (uid_map " + f.uidMap() + ") and the JVM is "
                    + "outside it, where that root has no capabilities", "run jspy inside the JVM's container "
                    + "(docker exec), or as root on the host");
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < NEEDED.length; i++) {
            boolean needed = NAMES[i].equals("SETGID") ? f.targetGid() != f.egid() : f.targetUid() != f.euid();
            if (needed && (f.capEff() & (1L << NEEDED[i])) == 0) {
                missing.add(NAMES[i]);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return new Cause("jspy runs as root without " + String.join(" and ", missing.stream().map(c -> "CAP_" + c)
                .toList()) + ", which attaching to another user's JVM needs", "a container or service dropped "
                + (missing.size() == 1 ? "it" : "them") + ": add back with " + String.join(" ", missing.stream()
                .map(c -> "--cap-add=" + c).toList()) + " (docker) or AmbientCapabilities= (systemd), or run jspy as "
                + "uid " + f.targetUid() + ", the JVM's user");
    }

    /** The refusal of a step on JVM pid, with the cause named when jspy is root. */
    static JspyException denied(long pid, String what, Throwable e) {
        Path proc = Path.of("/proc", Long.toString(pid));
        return denied(what, read(Path.of("/proc/self/status"), proc.resolve("uid_map"), proc.resolve("status")), e);
    }

    /**
     * A refused file operation for a target of uid:gid, or null when it is no refusal or jspy is
     * not root (the caller keeps its own message). EACCES is AccessDeniedException; EPERM reaches
     * Java only as its strerror text.
     */
    static JspyException deniedFile(String what, int uid, int gid, IOException e) {
        boolean refused = e instanceof AccessDeniedException
                || e instanceof FileSystemException fse && "Operation not permitted".equals(fse.getReason());
        Facts self = read(Path.of("/proc/self/status"), null, null);
        if (!refused || self == null || self.euid() != 0) {
            return null;
        }
        return denied(what, new Facts(0, self.egid(), self.capEff(), null, uid, gid, null), e);
    }

    private static JspyException denied(String what, Facts facts, Throwable e) {
        Cause cause = facts == null ? null : explain(facts);
        if (cause != null) {
            return new JspyException(ExitCode.PERMISSION, what + ": " + cause.what(), cause.hint(), e);
        }
        boolean root = facts != null ? facts.euid() == 0 : PrivateDir.currentUid() == 0;
        return new JspyException(ExitCode.PERMISSION, what, root ? ROOT_HINT : USER_HINT, e);
    }

    /** The facts from /proc, or null when a file cannot be read (the process went away). */
    private static Facts read(Path selfStatus, Path targetUidMap, Path targetStatus) {
        try {
            String self = Files.readString(selfStatus, StandardCharsets.ISO_8859_1);
            return Facts.parse(self, text(Path.of("/proc/self/uid_map")), targetStatus == null ? self
                    : Files.readString(targetStatus, StandardCharsets.ISO_8859_1), text(targetUidMap));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(Path file) throws IOException {
        return file == null ? null : Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** The effective id: the second of "Uid:\treal\teffective\tsaved\tfs". */
    private static int id(String status, String field) {
        return Integer.parseInt(TargetJvm.field(status, field).split("\\s+")[1]);
    }

    /** A uid_map with its column padding squeezed: "0 0 4294967295". */
    private static String normal(String uidMap) {
        return uidMap == null ? null : uidMap.strip().replaceAll("[ \t]+", " ");
    }
}
