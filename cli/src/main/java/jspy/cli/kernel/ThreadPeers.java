package jspy.cli.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What socket each thread of one process is blocked on, read from the kernel: the thread's
 * current system call ({@code /proc/PID/task/TID/syscall}), for {@code poll} the descriptor inside
 * the pollfd its first argument points to ({@code /proc/PID/mem}), the socket behind the
 * descriptor ({@code /proc/PID/fd/N}) and the peer from the socket tables of the process's own
 * network namespace (and, in a container, the host tids of its threads). Nothing here stops, signals or can fault the target: a pointer read from a
 * thread that has moved on makes the read of {@code mem} fail with an error, never a crash.
 *
 * <p>Its callers are two threads (the prober's kernel looks, the stream's agent answers): every
 * public method holds the object's lock.
 *
 * <p>A thread's syscall file stays open while the thread is asked about (a re-read is a
 * {@code pread}): open, read and close cost 85–125 µs a thread against 13–27 µs for the re-read
 * (1,000 threads, JDK 17 CLI, this machine, 2026-12-07). {@code syscall} and {@code mem} need
 * ptrace-attach rights over the target; without them {@link #denied()} says so and the caller
 * asks the agent instead.
 */
public final class ThreadPeers implements AutoCloseable {
    /** The tables are read again on a miss, at most this often: a miss is a socket newer than them. */
    private static final long TABLE_NANOS = 200_000_000L;
    private static final String[] INET_TABLES = {"tcp", "tcp6", "udp", "udp6"};

    private final Path proc;
    private final SyscallTable calls;
    private final TaskIds tasks;
    private final PollerSockets pollers;
    private final Map<Long, FileChannel> syscallFiles = new HashMap<>();
    private final ByteBuffer text = ByteBuffer.allocate(256);
    private final ByteBuffer pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    private FileChannel mem;
    private SocketTable sockets = new SocketTable();
    private long tablesRead = System.nanoTime() - 2 * TABLE_NANOS;
    private volatile boolean denied;

    /**
     * -Djspy.waits.source=agent makes jspy ask the agent even where the kernel would let it read
     * the threads itself: how the tests check the path that a non-root user under Yama takes.
     */
    public ThreadPeers(long pid) {
        this(Path.of("/proc", Long.toString(pid)), SyscallTable.ofThisMachine());
        denied |= "agent".equals(System.getProperty("jspy.waits.source"));
    }

    /** proc: the process's /proc directory (tests pass a tree written as the kernel shows one). */
    public ThreadPeers(Path proc, SyscallTable calls) {
        this.proc = proc;
        this.calls = calls;
        this.tasks = new TaskIds(proc);
        this.pollers = new PollerSockets(proc);
        this.denied = calls == null;
    }

    /** True once the kernel refused a thread's syscall file (no ptrace rights), or on an unknown arch. */
    public boolean denied() {
        return denied;
    }

    /** Why jspy cannot read the threads' system calls itself, for a note; null while it can. */
    public String refusal() {
        if (calls == null) {
            return "jspy knows no system call numbers for this CPU (" + System.getProperty("os.arch") + ")";
        }
        return denied ? "the kernel lets only root or the target's user read its threads' system calls" : null;
    }

    /**
     * The peer of the socket thread tid waits on now, or null when it is not blocked on a socket
     * that can be named (running, in a futex, a pipe, a file, a stale pointer, an unnamed unix
     * socket, or the thread is gone).
     */
    public synchronized String peer(long tid) {
        Syscall call = syscall(tid);
        return call == Syscall.NONE ? null : resolve(call, null);
    }

    /**
     * The peer for a system call the agent read of its own thread, with the int it found at the
     * call's first argument (the descriptor inside a poll's pollfd), or -1.
     */
    public synchronized String peer(Syscall call, int atFirstArgument) {
        return resolve(call, atFirstArgument);
    }

    private String resolve(Syscall call, Integer polled) {
        if (calls == null || call == Syscall.NONE) {
            return null;
        }
        int fd = calls.fd(call);
        if (fd < 0 && calls.polls(call) && call.arg(1) >= 1) {
            fd = polled != null ? polled : polledFd(call.arg(0));
        }
        long inode = fd < 0 ? -1 : socketInode(fd);
        return inode < 0 ? null : lookUp(inode);
    }

    /**
     * The peers of the sockets the JVM's parked virtual threads wait on now, one per waiter (null
     * for a socket that names none: a listener, a unix client); null when the kernel refuses the
     * read. Needs only ptrace-read rights: it works where {@link #denied()} (see PollerSockets).
     */
    public synchronized List<String> virtualPeers() {
        List<Long> inodes = pollers.armed();
        if (inodes == null) {
            return null;
        }
        List<String> out = new ArrayList<>(inodes.size());
        for (long inode : inodes) {
            out.add(lookUp(inode));
        }
        return out;
    }

    /** The epoll files a {@link #virtualPeers()} look reads, for the prober's budget. */
    public synchronized int pollerFiles() {
        return pollers.files();
    }

    /** Forgets threads no longer asked about: their open files would pin them. */
    public synchronized void retain(Set<Long> tids) {
        for (Iterator<Map.Entry<Long, FileChannel>> it = syscallFiles.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, FileChannel> e = it.next();
            if (!tids.contains(e.getKey())) {
                closeQuietly(e.getValue());
                it.remove();
            }
        }
    }

    private Syscall syscall(long tid) {
        if (denied) {
            return Syscall.NONE;
        }
        try {
            FileChannel file = syscallFiles.get(tid);
            if (file == null) {
                long host = tasks.host(tid);
                if (host < 0) {
                    return Syscall.NONE;
                }
                file = FileChannel.open(proc.resolve("task").resolve(Long.toString(host)).resolve("syscall"),
                        StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                syscallFiles.put(tid, file);
            }
            text.clear();
            file.read(text, 0);
            return Syscall.parse(StandardCharsets.US_ASCII.decode(text.flip()));
        } catch (AccessDeniedException e) {
            denied = true;
            return Syscall.NONE;
        } catch (IOException e) {
            closeQuietly(syscallFiles.remove(tid)); // the thread ended
            return Syscall.NONE;
        }
    }

    /** The first pollfd's descriptor ({@code int fd; short events; short revents}), or -1. */
    private int polledFd(long address) {
        try {
            if (mem == null) {
                mem = FileChannel.open(proc.resolve("mem"), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
            pollfd.clear();
            // An address is unsigned; user space ends below 2^47 (x86_64) or 2^52 (arm64).
            return address > 0 && mem.read(pollfd, address) == 8 ? pollfd.getInt(0) : -1;
        } catch (IOException e) {
            return -1; // the thread left the poll and its stack moved on: EIO, never a fault
        }
    }

    private long socketInode(int fd) {
        try {
            String link = Files.readSymbolicLink(proc.resolve("fd").resolve(Integer.toString(fd))).toString();
            return link.startsWith("socket:[") && link.endsWith("]")
                    ? Long.parseLong(link.substring(8, link.length() - 1)) : -1;
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private String lookUp(long inode) {
        String peer = sockets.peer(inode);
        long now = System.nanoTime();
        if (peer == null && now - tablesRead >= TABLE_NANOS) {
            tablesRead = now;
            sockets = readTables();
            peer = sockets.peer(inode);
        }
        return peer;
    }

    private SocketTable readTables() {
        SocketTable t = new SocketTable();
        for (String name : INET_TABLES) {
            String table = read(name);
            if (table != null) {
                t.addInet(table);
            }
        }
        String unix = read("unix");
        if (unix != null) {
            t.addUnix(unix);
        }
        return t;
    }

    private String read(String table) {
        try {
            return Files.readString(proc.resolve("net").resolve(table), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null; // IPv6 off, or the process is gone
        }
    }

    @Override
    public synchronized void close() {
        syscallFiles.values().forEach(ThreadPeers::closeQuietly);
        syscallFiles.clear();
        closeQuietly(mem);
        mem = null;
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // read-only
            }
        }
    }
}
