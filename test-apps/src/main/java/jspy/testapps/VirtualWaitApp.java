package jspy.testapps;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Fifty virtual threads ({@code vt-socket-N}) blocked reading sockets whose peer never writes,
 * and ten ({@code vt-sleeper-N}) asleep: all unmounted, so no carrier and no wall-clock sampler
 * sees them. JDK 21+ (fails loudly on older JDKs); started by reflection so this module still
 * compiles for release 17. Loopback only.
 */
public final class VirtualWaitApp {
    static final int READERS = 50;
    static final int SLEEPERS = 10;

    private VirtualWaitApp() {
    }

    /** Optional arguments: how many readers and sleepers (bench/: 10,000 sleepers). */
    public static void main(String[] args) throws Exception {
        int readers = args.length > 0 ? Integer.parseInt(args[0]) : READERS;
        int sleepers = args.length > 1 ? Integer.parseInt(args[1]) : SLEEPERS;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(0, 200, loopback);
        List<Socket> accepted = new ArrayList<>(); // kept referenced: a collected socket would close
        Ready.start("acceptor", () -> {
            while (true) {
                Socket peer = server.accept();
                synchronized (accepted) {
                    accepted.add(peer);
                }
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            threads.add(virtual("vt-socket-" + i, () -> read(loopback, server.getLocalPort())));
        }
        for (int i = 0; i < sleepers; i++) {
            threads.add(virtual("vt-sleeper-" + i, () -> {
                while (true) {
                    Ready.sleepMillis(60_000);
                }
            }));
        }
        for (Thread t : threads) {
            Ready.awaitState(t, t.getName().startsWith("vt-socket") ? Thread.State.WAITING : Thread.State.TIMED_WAITING);
        }
        Ready.signalAndSleepForever();
    }

    private static void read(InetAddress host, int port) {
        try (Socket socket = new Socket(host, port)) {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // the server never writes
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread virtual(String name, Runnable body) throws Exception {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(ofVirtual.invoke(null), name);
        return (Thread) builder.getMethod("start", Runnable.class).invoke(named, body);
    }
}
