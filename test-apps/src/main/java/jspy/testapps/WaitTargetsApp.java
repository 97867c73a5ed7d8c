package jspy.testapps;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits whose targets are known, for jspy's wait targets: two local servers that answer each
 * request after 300 ms (A) and 100 ms (B); a reader blocked on A without a timeout (read), one on
 * B with a timeout (poll), and one on [::1] where the machine has IPv6; a client that asks A then
 * B in turn, so about 75% of its socket time is on A, and one that asks C and D in turn, each
 * answering after 20 ms, about half each (both write the truth, measured, to
 * {@code <jspy.ready>.truth}); a {@link Ledger} monitor held by
 * {@code ledger-writer-3} with two threads blocked on it; a ReentrantLock held by
 * {@code lock-owner} with one waiter. The peers go to {@code <jspy.ready>.expect} (never stdout).
 */
public final class WaitTargetsApp {
    static final int SLOW_MILLIS = 300;
    static final int FAST_MILLIS = 100;
    private static final Ledger LEDGER = new Ledger();
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** Nanoseconds the alternating client has spent waiting on A and on B: the truth, under any load. */
    private static final AtomicLongArray ASKING = new AtomicLongArray(4);
    /** The case: 20 ms requests to C and D in turn, about half each. */
    static final int QUICK_MILLIS = 20;

    private WaitTargetsApp() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket a = Replier.start(new ServerSocket(0, 50, loopback), SLOW_MILLIS);
        ServerSocket b = Replier.start(new ServerSocket(0, 50, loopback), FAST_MILLIS);
        StringBuilder expect = new StringBuilder();
        expect.append("a=127.0.0.1:").append(a.getLocalPort()).append('\n');
        expect.append("b=127.0.0.1:").append(b.getLocalPort()).append('\n');
        // JDK 11's socket is PlainSocketImpl: reads block in socketRead0, timed or not (NioSocketImpl, JDK 13+).
        boolean plain = Runtime.version().feature() < 13;
        Ready.awaitFrame(Ready.start("peer-a-reader", () -> readForever(a, 0)), plain ? "socketRead0" : "SocketDispatcher.read0");
        Ready.awaitFrame(Ready.start("peer-b-timed-reader", () -> readForever(b, 3_600_000)),
                plain ? "socketRead0" : "Net.poll");
        ServerSocket v6 = ipv6();
        if (v6 != null) {
            expect.append("v6=[::1]:").append(v6.getLocalPort()).append('\n');
            Ready.awaitFrame(Ready.start("peer-v6-reader", () -> readForever(v6, 0)), plain ? "socketRead0" : "SocketDispatcher.read0");
        }
        Ready.start("peer-alternating", () -> alternate(a, b, 0));
        ServerSocket c = Replier.start(new ServerSocket(0, 50, loopback), QUICK_MILLIS);
        ServerSocket d = Replier.start(new ServerSocket(0, 50, loopback), QUICK_MILLIS);
        expect.append("c=127.0.0.1:").append(c.getLocalPort()).append('\n');
        expect.append("d=127.0.0.1:").append(d.getLocalPort()).append('\n');
        Ready.start("peer-quick-alternating", () -> alternate(c, d, 2));
        Thread writer = Ready.start("ledger-writer-3", () -> hold());
        Ready.awaitState(writer, Thread.State.TIMED_WAITING);
        Thread owner = Ready.start("lock-owner", () -> holdLock());
        Ready.awaitState(owner, Thread.State.TIMED_WAITING);
        for (int i = 1; i <= 2; i++) {
            Ready.awaitState(Ready.start("ledger-reader-" + i, () -> enter()), Thread.State.BLOCKED);
        }
        Ready.awaitState(Ready.start("lock-waiter-1", LOCK::lock), Thread.State.WAITING);
        String ready = System.getProperty("jspy.ready");
        if (ready != null) {
            Files.writeString(Path.of(ready + ".expect"), expect, StandardCharsets.UTF_8);
            Thread truth = new Thread(() -> writeTruth(Path.of(ready + ".truth")), "truth-writer");
            truth.setDaemon(true);
            truth.start();
        }
        Ready.signalAndSleepForever();
    }

    private static ServerSocket ipv6() {
        try {
            return Replier.start(new ServerSocket(0, 50, InetAddress.getByName("::1")), SLOW_MILLIS);
        } catch (Exception e) {
            return null; // no IPv6 on this machine
        }
    }

    private static void readForever(ServerSocket server, int timeoutMillis) throws Exception {
        try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
            s.setSoTimeout(timeoutMillis);
            s.getInputStream().read(); // nothing was asked: no answer comes
        }
    }

    /** Asks first, then second, for ever; their waits add up in ASKING[truth] and [truth + 1]. */
    private static void alternate(ServerSocket first, ServerSocket second, int truth) throws Exception {
        try (Socket toFirst = new Socket(first.getInetAddress(), first.getLocalPort());
             Socket toSecond = new Socket(second.getInetAddress(), second.getLocalPort())) {
            while (true) {
                ask(toFirst, truth);
                ask(toSecond, truth + 1);
            }
        }
    }

    private static void ask(Socket s, int which) throws Exception {
        long start = System.nanoTime();
        OutputStream out = s.getOutputStream();
        out.write('?');
        out.flush();
        InputStream in = s.getInputStream();
        if (in.read() < 0) {
            throw new IllegalStateException("server closed");
        }
        ASKING.addAndGet(which, System.nanoTime() - start);
    }

    /** "a b c d" nanoseconds, rewritten every 100 ms: the test takes the change over its recording. */
    private static void writeTruth(Path file) {
        while (true) {
            try {
                Path tmp = Path.of(file + ".tmp");
                Files.writeString(tmp, ASKING.get(0) + " " + ASKING.get(1) + " " + ASKING.get(2) + " " + ASKING.get(3),
                        StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (Exception e) {
                return; // the test's directory went away
            }
            Ready.sleepMillis(100);
        }
    }

    private static void hold() {
        synchronized (LEDGER) {
            Ready.sleepMillis(Long.MAX_VALUE);
        }
    }

    private static void enter() {
        synchronized (LEDGER) {
            Ready.sleepMillis(1);
        }
    }

    private static void holdLock() {
        LOCK.lock();
        Ready.sleepMillis(Long.MAX_VALUE);
    }

    /** A server that answers every byte it reads with one byte, after a delay. */
    static final class Replier {
        private Replier() {
        }

        static ServerSocket start(ServerSocket server, int delayMillis) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket peer = server.accept();
                        Thread t = new Thread(() -> answer(peer, delayMillis), "replier-" + server.getLocalPort());
                        t.setDaemon(true);
                        t.start();
                    }
                } catch (Exception e) {
                    // the JVM is exiting
                }
            }, "replier-acceptor-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        }

        private static void answer(Socket peer, int delayMillis) {
            try (peer) {
                InputStream in = peer.getInputStream();
                OutputStream out = peer.getOutputStream();
                while (in.read() >= 0) {
                    Ready.sleepMillis(delayMillis);
                    out.write('!');
                    out.flush();
                }
            } catch (Exception e) {
                // the client went away
            }
        }
    }
}
