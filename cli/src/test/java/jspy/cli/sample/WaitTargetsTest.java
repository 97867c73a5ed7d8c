package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jspy.agent.Protocol;
import jspy.cli.attach.AgentDir;
import jspy.cli.kernel.SyscallTable;
import jspy.cli.kernel.ThreadPeers;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.WaitTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join of samples and snapshots, on the stacks of DESIGN.md (JDK 17) and a /proc tree written
 * as the kernel shows a blocked reader (resources/kernel, captured 2026-12-07).
 */
class WaitTargetsTest {
    private static final List<String> SOCKET_READ = List.of("[T-sockread tid=101]", "java/lang/Thread.run",
            "Target.sockRead", "java/net/Socket$SocketInputStream.read", "sun/nio/ch/NioSocketImpl.read",
            "sun/nio/ch/NioSocketImpl.implRead", "sun/nio/ch/NioSocketImpl.tryRead", "sun/nio/ch/SocketDispatcher.read",
            "sun/nio/ch/SocketDispatcher.read0", "Java_sun_nio_ch_SocketDispatcher_read0", "__GI_read");
    private static final List<String> LOCK_WAIT = List.of("[T-rlock tid=102]", "java/lang/Thread.run",
            "Target.lambda$main$3", "java/util/concurrent/locks/ReentrantLock.lock",
            "java/util/concurrent/locks/ReentrantLock$Sync.lock",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquire",
            "java/util/concurrent/locks/LockSupport.park", "jdk/internal/misc/Unsafe.park", "Unsafe_Park",
            "Parker::park", "___pthread_cond_wait", "__futex_abstimed_wait_common");

    @TempDir
    Path tmp;

    private Path proc() throws IOException {
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Files.createDirectories(proc.resolve("task/101"));
        Files.createDirectories(proc.resolve("fd"));
        Files.createDirectories(proc.resolve("net"));
        Files.createSymbolicLink(proc.resolve("fd/6"), Path.of("socket:[11312]"));
        Files.writeString(proc.resolve("net/tcp6"), SocketTableTestData.tcp6());
        return proc;
    }

    private WaitTargets targets(Path proc, Map<Long, Long> javaIds) throws IOException {
        Path agent = Files.createDirectories(tmp.resolve("agent"));
        return new WaitTargets(new AgentDir(agent), new ThreadPeers(proc, SyscallTable.of("amd64")), javaIds, 10_000_000L);
    }

    private static Window window(long startMillis, StackSample... samples) {
        return new Window(1, startMillis * 1_000_000, (startMillis + 1000) * 1_000_000, samples.length,
                samples.length, Arrays.asList(samples), false);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    @Test
    void aBlockedReaderNamesItsPeer() throws IOException {
        Path proc = proc();
        Files.writeString(proc.resolve("task/101/syscall"), "0 0x6 0x7f51c005760 0x1 0xc 0x0 0x0 0x7f5 0x7f5\n");
        WaitTargets t = targets(proc, new HashMap<>());
        Window w = window(now() - 1000, new StackSample(101, ThreadState.SLEEPING, now() * 1_000_000 - 500_000_000L, 50,
                SOCKET_READ));
        t.watch(w);
        assertNull(t.annotate(w, false), "held for the first look at a new waiter");
        assertEquals(1, t.probeDue(System.nanoTime(), 10));
        assertEquals(WaitTarget.peer("127.0.0.1:39099"), t.annotate(w, false).samples().get(0).target());
    }

    @Test
    void aTimedReadIsFollowedThroughItsPollfd() throws IOException {
        Path proc = proc();
        Files.writeString(proc.resolve("task/101/syscall"), "7 0x1000 0x1 0xf4240 0xc 0x0 0x0 0x7f5 0x7f5\n");
        byte[] mem = new byte[0x1008];
        ByteBuffer.wrap(mem).order(ByteOrder.nativeOrder()).putInt(0x1000, 6);
        Files.write(proc.resolve("mem"), mem);
        WaitTargets t = targets(proc, new HashMap<>());
        Window w = window(now() - 1000, new StackSample(101, ThreadState.SLEEPING, now() * 1_000_000, 50, SOCKET_READ));
        t.watch(w);
        t.probeDue(System.nanoTime(), 10);
        assertEquals("127.0.0.1:39099", t.annotate(w, false).samples().get(0).target().name());
    }

    @Test
    void aThreadOnNoSocketSaysPeerUnknown() throws IOException {
        Path proc = proc();
        Files.writeString(proc.resolve("task/101/syscall"), "202 0x7f20 0x89 0x0 0x0 0x0 0x0 0x7f5 0x7f5\n");
        WaitTargets t = targets(proc, new HashMap<>());
        Window w = window(now() - 1000, new StackSample(101, ThreadState.SLEEPING, now() * 1_000_000, 50, SOCKET_READ));
        t.watch(w);
        t.probeDue(System.nanoTime(), 10);
        assertEquals(WaitTarget.UNKNOWN_PEER, t.annotate(w, false).samples().get(0).target());
    }

    @Test
    void aLockWaitWaitsForTheAgentsAnswerThenNamesLockAndOwner() throws IOException {
        WaitTargets t = targets(proc(), new HashMap<>(Map.of(102L, 15L)));
        Window w = window(now() - 1000, new StackSample(102, ThreadState.SLEEPING, now() * 1_000_000, 80, LOCK_WAIT));
        t.watch(w);
        assertEquals("L 15\n", Files.readString(tmp.resolve("agent").resolve(Protocol.WATCH)));
        assertNull(t.annotate(w, false), "held for the agent's first answer");
        Files.writeString(tmp.resolve("agent").resolve(Protocol.WAITS), (now() + 50) + "\n"
                + "L\t15\tjava.util.concurrent.locks.ReentrantLock$NonfairSync\t1\tledger-writer-3\tRUNNABLE\n");
        t.poll();
        assertEquals("ReentrantLock held by ledger-writer-3", t.annotate(w, false).samples().get(0).target().text());
    }

    @Test
    void theLastWindowIsNotHeld() throws IOException {
        WaitTargets t = targets(proc(), new HashMap<>(Map.of(102L, 15L)));
        Window w = window(now() - 1000, new StackSample(102, ThreadState.SLEEPING, now() * 1_000_000, 80, LOCK_WAIT));
        t.watch(w);
        assertEquals(WaitTarget.UNKNOWN_LOCK, t.annotate(w, true).samples().get(0).target());
    }

    @Test
    void readsNoLookCouldNameAreSaidOnce() throws IOException {
        Path agent = Files.createDirectories(tmp.resolve("agent"));
        // no syscall numbers for this CPU: the kernel's files cannot be read, and no agent answers
        WaitTargets t = new WaitTargets(new AgentDir(agent), new ThreadPeers(proc(), null), new HashMap<>(), 10_000_000L);
        Window w = window(now() - 1000, new StackSample(101, ThreadState.SLEEPING, now() * 1_000_000, 50, SOCKET_READ));
        assertNull(t.peersUnavailable(), "nothing was asked yet");
        t.watch(w);
        t.poll();
        assertEquals(WaitTarget.UNKNOWN_PEER, t.annotate(w, true).samples().get(0).target());
        assertEquals("peers unavailable: jspy knows no system call numbers for this CPU (" + System.getProperty("os.arch")
                + "), and the agent named none (hint: run jspy as root or as the JVM's user)", t.peersUnavailable());
    }

    @Test
    void aReadTheKernelShowsNeedsNoNote() throws IOException {
        Path proc = proc();
        Files.writeString(proc.resolve("task/101/syscall"), "0 0x6 0x7f51c005760 0x1 0xc 0x0 0x0 0x7f5 0x7f5\n");
        WaitTargets t = targets(proc, new HashMap<>());
        t.watch(window(now() - 1000, new StackSample(101, ThreadState.SLEEPING, now() * 1_000_000, 50, SOCKET_READ)));
        t.probeDue(System.nanoTime(), 10);
        assertNull(t.peersUnavailable());
    }

    @Test
    void aRunningThreadIsNotLookedAt() throws IOException {
        WaitTargets t = targets(proc(), new HashMap<>());
        List<String> busy = List.of("[T-busy tid=103]", "java/lang/Thread.run", "Target.busy");
        Window w = window(now() - 1000, new StackSample(103, ThreadState.RUNNING, now() * 1_000_000, 100, busy));
        t.watch(w);
        assertNull(t.annotate(w, false).samples().get(0).target());
        assertEquals(false, Files.exists(tmp.resolve("agent").resolve(Protocol.WATCH)), "nothing asked of the agent");
    }
}
