package jspy.cli.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets that virtual threads of one JVM are parked on now, read from the kernel's view of
 * the JDK's I/O pollers. A virtual thread that blocks on a socket (JDK 21+) does not sit in a
 * system call: {@code NioSocketImpl.park} hands the descriptor to {@code sun.nio.ch.Poller}, whose
 * {@code EPollPoller.implRegister} arms it in the poller's epoll instance with
 * {@code EPOLLONESHOT}, and the thread unmounts. {@code /proc/PID/fdinfo/EPFD} lists an epoll's
 * registrations ({@code tfd: N events: 40000019 … ino:326bd7}); so the armed registrations of the
 * pollers' epolls are exactly the sockets some virtual thread waits on, one per waiter.
 *
 * <p>Which epolls are the pollers': those whose every registration carries {@code EPOLLONESHOT}
 * (0x40000000). JDK 21-25's pollers register nothing else, in either poller mode (JDK 25's default
 * on Linux, VTHREAD_POLLERS: the sub-pollers' epolls sit inside the MasterPoller's, whose own
 * registrations are those epolls, no sockets; SYSTEM_THREADS: Read-Poller and Write-Poller threads).
 * A selector's epoll ({@code EPollSelectorImpl}) holds its wakeup eventfd without it, as does
 * {@code EPollPort}'s wakeup pipe and Netty's epoll transport (edge-triggered): a selector's sockets
 * never count. An armed registration has EPOLLIN or EPOLLOUT still set; one that fired keeps only
 * EPOLLONESHOT (the kernel clears the rest) and stays listed until re-armed: measured on Temurin
 * 25.0.3, the write sub-poller kept every connect's socket so, for good.
 *
 * <p>Rights: fdinfo, like fd, needs ptrace-read rights (same user, or root), not the attach rights
 * a thread's syscall file needs, so Yama's ptrace_scope does not stop it. The registration carries
 * the socket's inode itself: no readlink per waiter.
 */
public final class PollerSockets {
    private static final long ONESHOT = 0x40000000L;
    private static final long IN_OR_OUT = 0x1L | 0x4L;
    /** The epolls are listed again this often: a JVM creates its pollers once, at its first virtual-thread I/O. */
    private static final long LIST_NANOS = 5_000_000_000L;

    private final Path proc;
    private List<Integer> pollers = List.of();
    private long listed = System.nanoTime() - 2 * LIST_NANOS;

    /** What one epoll's fdinfo says: whether it is a JDK poller's, and the inodes of its armed registrations. */
    record Epoll(boolean poller, List<Long> armed) {
    }

    public PollerSockets(Path proc) {
        this.proc = proc;
    }

    /**
     * The inodes of the sockets (and any other files) armed in the JDK pollers' epolls, one per
     * parked virtual thread; null when the kernel refuses the read or the process is gone.
     */
    public List<Long> armed() {
        long now = System.nanoTime();
        if (now - listed >= LIST_NANOS) {
            listed = now;
            pollers = list();
            if (pollers == null) {
                pollers = List.of();
                return null;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int fd : pollers) {
            Epoll e = read(fd);
            if (e == null) {
                listed = now - LIST_NANOS; // closed or reused: list again next time
            } else if (e.poller()) {
                out.addAll(e.armed());
            }
        }
        return out;
    }

    /** How many epolls a look reads: what it costs, for the prober's budget. */
    public int files() {
        return Math.max(1, pollers.size());
    }

    /** The process's epolls that are, or may yet be (empty now), a JDK poller's; null if refused. */
    private List<Integer> list() {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                if (isEpoll(fd)) {
                    int n = Integer.parseInt(fd.getFileName().toString());
                    Epoll e = read(n);
                    if (e != null && e.poller()) {
                        out.add(n);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return out;
    }

    private static boolean isEpoll(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventpoll]");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // closed meanwhile
        }
    }

    private Epoll read(int fd) {
        try {
            return parse(Files.readString(proc.resolve("fdinfo").resolve(Integer.toString(fd)), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * One epoll's fdinfo ({@code fs/eventpoll.c} ep_show_fdinfo: {@code tfd: %8d events: %8x data:
     * %16llx  pos:%lli ino:%lx sdev:%x}). An epoll with no registration may be an idle poller: kept.
     */
    static Epoll parse(String fdinfo) {
        List<Long> armed = new ArrayList<>();
        boolean poller = true;
        long own = -1;
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith("ino:")) {
                own = Long.parseLong(line.substring(4).trim()); // decimal here, hex in the tfd lines
            } else if (line.startsWith("tfd:")) {
                long events = Long.parseLong(field(line, "events:"), 16);
                long inode = Long.parseLong(field(line, "ino:"), 16);
                poller &= (events & ONESHOT) != 0;
                // The MasterPoller's registrations are the sub-pollers' epolls: anonymous inodes,
                // which all share the epoll's own inode number (26 here), never a socket.
                if ((events & IN_OR_OUT) != 0 && inode != own) {
                    armed.add(inode);
                }
            }
        }
        return new Epoll(poller, poller ? armed : List.of());
    }

    private static String field(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("no " + name + " in " + line);
        }
        String rest = line.substring(at + name.length()).trim();
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
