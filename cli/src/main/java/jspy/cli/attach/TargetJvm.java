package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * A process we may attach to, checked through /proc before any signal is sent: jattach and the
 * JDK 17 Attach API send SIGQUIT, which kills a process that is not a JVM (DESIGN.md).
 */
public final class TargetJvm {
    private final long pid;
    private final long nsPid;
    private final int uid;
    private final int gid;
    private final String startTime;
    private final String maps;

    private TargetJvm(long pid, long nsPid, int uid, int gid, String startTime, String maps) {
        this.pid = pid;
        this.nsPid = nsPid;
        this.uid = uid;
        this.gid = gid;
        this.startTime = startTime;
        this.maps = maps;
    }

    public static TargetJvm inspect(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (pid == ProcessHandle.current().pid()) {
            throw new JspyException(ExitCode.USAGE, "PID " + pid + " is jspy itself", "pass the PID of the JVM to profile");
        }
        String status = read(proc.resolve("status"), pid);
        String maps = read(proc.resolve("maps"), pid);
        String comm = field(status, "Name:");
        if (!maps.contains("/libjvm.so")) {
            throw new JspyException(ExitCode.NOT_A_JVM, "process " + pid + " (" + comm + ") is not a HotSpot JVM",
                    "jspy attaches only to Java processes; list them with 'jps -l'");
        }
        String[] nsPids = field(status, "NSpid:").split("\\s+");
        TargetJvm target = new TargetJvm(pid, Long.parseLong(nsPids[nsPids.length - 1]),
                Integer.parseInt(field(status, "Uid:").split("\\s+")[1]),
                Integer.parseInt(field(status, "Gid:").split("\\s+")[1]),
                startTime(proc, pid), maps);
        AttachGate.check(target, status);
        return target;
    }

    long nsPid() {
        return nsPid;
    }

    public long pid() {
        return pid;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** The target's filesystem as this process sees it (differs from / inside a container). */
    public Path root() {
        return Path.of("/proc", Long.toString(pid), "root");
    }

    /**
     * True when the target sees the same filesystem as we do, so paths need no translation: the
     * same mount namespace and the same root. Comparing roots alone was not enough: a JVM in its
     * own mount namespace with a private tmpfs /tmp has our root but not our /tmp (issue 11).
     */
    public boolean sharesOurFilesystem() {
        try {
            Path ns = Path.of("/proc", Long.toString(pid), "ns", "mnt");
            return Files.readSymbolicLink(ns).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")))
                    && Files.isSameFile(root(), Path.of("/"));
        } catch (IOException e) {
            return false;
        }
    }

    /** A libasyncProfiler.so the target has already loaded, as the target names it; or null. */
    public String loadedProfilerLibrary() {
        return mapped("/libasyncProfiler.so");
    }

    /** The libjvm.so the target runs, as the target names it; or null. */
    String libjvm() {
        return mapped("/libjvm.so");
    }

    /** The first mapped file whose path ends in {@code suffix}, from the maps read at inspect. */
    private String mapped(String suffix) {
        for (String line : maps.split("\n")) {
            int slash = line.indexOf('/');
            if (slash > 0 && line.endsWith(suffix)) {
                return line.substring(slash);
            }
        }
        return null;
    }

    /** Still the same process: the PID exists and was not reused. */
    public boolean alive() {
        try {
            return startTime.equals(startTime(Path.of("/proc", Long.toString(pid)), pid));
        } catch (JspyException e) {
            return false;
        }
    }

    /** Stopped by SIGSTOP or a debugger right now (state T or t). */
    public boolean stopped() {
        try {
            return AttachGate.stopped(read(Path.of("/proc", Long.toString(pid), "status"), pid));
        } catch (JspyException e) {
            return false;
        }
    }

    /**
     * The start time of the process's leader thread, which is the process's. Not /proc/PID/stat:
     * the kernel sums that over every thread, and record and top ask 20 times a second; with
     * 10,000 threads that alone was a few % of a core (bench/).
     */
    private static String startTime(Path proc, long pid) {
        String stat = read(proc.resolve("task").resolve(Long.toString(pid)).resolve("stat"), pid);
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return afterName[19]; // field 22: starttime
    }

    static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).trim();
            }
        }
        return "";
    }

    private static String read(Path file, long pid) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new JspyException(ExitCode.NO_SUCH_PROCESS, "no process with PID " + pid,
                    "check the PID with 'jps -l' or 'pgrep java'");
        } catch (AccessDeniedException e) {
            throw RootCause.denied(pid, "not permitted to inspect process " + pid, e);
        } catch (IOException e) {
            throw new JspyException(ExitCode.NO_SUCH_PROCESS, "cannot read " + file + ": " + e.getMessage(),
                    "check that process " + pid + " still exists");
        }
    }
}
