package jspy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Threads that wait on something jspy names (docs/wait-targets.md), for {@link Spin}: without them
 * nothing in the overhead targets waits, so nothing is looked at and the wait targets' cost cannot
 * show. Prints nothing; every thread is a daemon and ends quietly when its socket fails.
 *
 * <p>Socket waiters do 1-byte request/response round trips against an in-process loopback server
 * whose replier thread (one per connection) sleeps 5-20 ms before it answers: a blocking read with
 * no timeout, {@code read(fd)} for the kernel. Every other waiter alternates between two server
 * ports, so its peer changes and jspy looks at it often (every ~20 ms). Lock waiters contend a
 * monitor ({@link Ledger}) that one holder keeps 50 ms at a time and lets go for 1 ms: {@code lock}
 * waits, named by the agent's {@code ThreadMXBean.getThreadInfo} in the target itself.
 */
final class Waiters {
    /** The monitor the lock waiters contend; its class names it in jspy's frames ({@code [Ledger held by ...]}). */
    static final class Ledger {
        long entries;
    }

    @FunctionalInterface
    private interface Step {
        /** One step of a thread's loop; any exception ends the thread, silently (Spin prints nothing). */
        void run() throws Exception;
    }

    private Waiters() {
    }

    /** Starts {@code sockets} socket waiters (with their server) and {@code locks} lock waiters (with their holder). */
    static void start(int sockets, int locks) throws IOException {
        if (sockets > 0) {
            ServerSocket a = server("a");
            ServerSocket b = server("b");
            for (int i = 0; i < sockets; i++) {
                Socket[] peers = i % 2 == 0 ? new Socket[] {connect(a), connect(b)}
                        : new Socket[] {connect(i % 4 == 1 ? a : b)};
                int[] next = {0};
                daemon("socket-waiter-" + i, () -> {
                    roundTrip(peers[next[0]]);
                    next[0] = (next[0] + 1) % peers.length;
                });
            }
        }
        if (locks > 0) {
            Ledger ledger = new Ledger();
            daemon("lock-holder", () -> {
                synchronized (ledger) {
                    Thread.sleep(50);
                }
                Thread.sleep(1); // lets the waiters in: re-entering at once would win the monitor again
            });
            for (int i = 0; i < locks; i++) {
                daemon("lock-waiter-" + i, () -> {
                    synchronized (ledger) {
                        ledger.entries++;
                    }
                    // Back to the queue soon, but not at once: 50 threads re-entering in a loop would spin on the monitor.
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6));
                });
            }
        }
    }

    /** A loopback server: one acceptor, then one replier thread per connection. */
    private static ServerSocket server(String name) throws IOException {
        ServerSocket server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        int[] n = {0};
        daemon("server-" + name + "-accept", () -> {
            Socket s = server.accept();
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            daemon("server-" + name + "-reply-" + n[0]++, () -> {
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 21));
                out.write(1);
            });
        });
        return server;
    }

    private static Socket connect(ServerSocket server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        s.setTcpNoDelay(true);
        return s;
    }

    private static void roundTrip(Socket s) throws IOException {
        s.getOutputStream().write(1);
        if (s.getInputStream().read() < 0) {
            throw new IOException("closed");
        }
    }

    private static void daemon(String name, Step step) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    step.run();
                }
            } catch (Exception ignored) {
                // the process is ending, or a socket closed: the thread ends without a word
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
