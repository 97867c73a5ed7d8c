package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.stream.Stream;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * Decides, from the kernel and not from the command line, whether jattach may be run. jattach
 * sends SIGQUIT when the attach socket is missing; that kills a process without the JVM's handler
 * (a JNI host before it creates its VM, a JVM with -Xrs), and makes a JVM that cannot start its
 * attach listener print a thread dump into its own stdout (issue 11). So the signal is allowed
 * only if the socket is there (no signal is sent), or the VM is up, catches SIGQUIT, and has the
 * attach mechanism enabled.
 */
final class AttachGate {
    /** SIGQUIT is signal 3: bit 2 of the SigCgt mask. */
    private static final long SIGQUIT_BIT = 1L << 2;

    private AttachGate() {
    }

    static void check(TargetJvm t, String status) {
        long pid = t.pid();
        VmFlags flags = VmFlags.of(pid);
        if (flags.on("DisableAttachMechanism")) {
            throw refused(pid + " was started with -XX:+DisableAttachMechanism",
                    "restart it without that flag, or launch it under 'jspy record -- <command>'");
        }
        if (flags.off("EnableDynamicAgentLoading")) {
            throw refused(pid + " forbids dynamic agents (-XX:-EnableDynamicAgentLoading)",
                    "restart it with -XX:+EnableDynamicAgentLoading, or launch it under 'jspy record -- <command>'");
        }
        if (stopped(status)) {
            // A stopped JVM answers no socket; a queued SIGQUIT would print a dump once it resumes.
            throw refused(pid + " is stopped (state T: SIGSTOP or a debugger)", "resume it with 'kill -CONT " + pid
                    + "' and try again");
        }
        PosixFileAttributes socket = attachSocket(t);
        if (socket != null && socket.isOther()) {
            if (!ownedByTarget(socket, t)) {
                throw staleSocket(t, "is a stale attach socket of " + socket.owner().getName());
            }
            return;
        }
        boolean vmThread = hasThread(pid, "VM Thread");
        if (!vmThread) {
            throw new JspyException(ExitCode.NOT_A_JVM, "process " + pid + " maps libjvm.so but runs no Java VM (yet)",
                    "a JNI host must create its JVM first; a starting JVM can be retried in a moment");
        }
        if ((sigCgt(status) & SIGQUIT_BIT) == 0 || flags.on("ReduceSignalUsage")) {
            throw refused(pid + " does not handle SIGQUIT (-Xrs) and has no attach socket: the attach signal "
                    + "would kill it", "start it without -Xrs, or launch it under 'jspy record -- <command>'");
        }
        if (!hasThread(pid, "Signal Dispatch")) {
            throw new JspyException(ExitCode.NOT_A_JVM, "JVM " + pid + " is still starting",
                    "try again in a moment");
        }
    }

    private static JspyException refused(String what, String hint) {
        return new JspyException(ExitCode.ATTACH_REFUSED, "JVM " + what, hint);
    }

    static boolean stopped(String status) {
        String state = TargetJvm.field(status, "State:");
        return state.startsWith("T") || state.startsWith("t");
    }

    static long sigCgt(String status) {
        try {
            return Long.parseUnsignedLong(TargetJvm.field(status, "SigCgt:"), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A thread of that name (comm, 15 bytes at most). HotSpot names its own threads: "VM Thread"
     * exists once the VM is created, "Signal Dispatch(er)" once it handles SIGQUIT; JDK 17 and 25.
     */
    static boolean hasThread(long pid, String comm) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("comm"), StandardCharsets.ISO_8859_1).strip().equals(comm);
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The attributes of .java_pidN in the VM's /tmp (resolved inside its root), null if none. A
     * socket of the VM's user means jattach sends no signal, whether or not a listener answers: it
     * signals only when stat() finds no socket there (check_socket in jattach_hotspot.c,
     * async-profiler 4.5). A connect probe here told nothing more about the signal and cost
     * 25-30 ms of every attach: the JDK's UNIX socket classes seed a SecureRandom and load the
     * selector provider when first used (JDK 17, 2026-11-30).
     */
    static PosixFileAttributes attachSocket(TargetJvm t) {
        try (SafeDir tmp = SafeDir.open(t.root().resolve("tmp"))) {
            return tmp.attributes(".java_pid" + t.nsPid());
        } catch (IOException e) {
            return null;
        }
    }

    /** Unknown counts as the target's: with a socket there, jattach sends no signal either way. */
    private static boolean ownedByTarget(PosixFileAttributes socket, TargetJvm t) {
        try {
            return PrivateDir.ownedBy(socket, t.uid());
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * A socket of another user where the target's should be: left by an earlier process with the
     * same pid (a JVM killed with SIGKILL keeps its socket). jattach would send no signal and fail
     * to connect, and the target cannot rename its own socket over it in the sticky /tmp. This
     * machine had 1,752 of root's after two days of test runs (2026-12-01). Jattach names one of
     * the target's own user, which only a refused connection tells apart from a live one.
     */
    static JspyException staleSocket(TargetJvm t, String what) {
        String path = t.root().resolve("tmp/.java_pid" + t.nsPid()).toString();
        return new JspyException(ExitCode.ATTACH_FAILED, "JVM " + t.pid() + " cannot be attached: " + path
                + " " + what + ", left by an earlier process with that pid",
                "delete that file and try again (a JVM started with -Xrs or -XX:+StartAttachListener needs a restart too)");
    }
}
