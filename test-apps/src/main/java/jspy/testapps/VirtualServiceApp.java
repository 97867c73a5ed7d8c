package jspy.testapps;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A virtual-thread service (JDK 21+, issue 10): 100 virtual threads ({@code vt-jdbc-N}) each
 * running slow queries on its own connection to a remote H2 server over TCP, 100 ({@code
 * vt-socket-N}) reading from a slow local server that answers one byte a second, and one ({@code
 * vt-cpu-0}) spinning, which stays mounted: only carrier samples ever show it. Started by
 * reflection so that this module still compiles for release 17. Loopback only.
 */
public final class VirtualServiceApp {
    static final int JDBC = 100;
    static final int SOCKET = 100;
    private static final int QUERY_MILLIS = 2000;
    private static final int ANSWER_EVERY_MILLIS = 1000;
    private static volatile long sink;

    private VirtualServiceApp() {
    }

    public static void main(String[] args) throws Exception {
        // The spinner keeps one carrier for good; the default (one per core: 2 here) would leave
        // the 200 waiters a single carrier for every wake-up.
        System.setProperty("jdk.virtualThreadScheduler.parallelism", "4");
        H2ServerProcess h2 = H2ServerProcess.start();
        h2.createSleepAlias();
        int port = slowServer();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Thread[] jdbc = new Thread[JDBC];
        for (int i = 0; i < JDBC; i++) {
            jdbc[i] = virtual("vt-jdbc-" + i, () -> query(h2.url()));
        }
        Thread[] socket = new Thread[SOCKET];
        for (int i = 0; i < SOCKET; i++) {
            socket[i] = virtual("vt-socket-" + i, () -> read(loopback, port));
        }
        virtual("vt-cpu-0", VirtualServiceApp::spin);
        for (Thread t : jdbc) {
            Ready.awaitFrame(t, "Transfer.readInt");
        }
        for (Thread t : socket) {
            Ready.awaitFrame(t, "SocketInputStream.read");
        }
        Ready.signalAndSleepForever();
    }

    /** Answers every connection with one byte a second, from one platform thread. */
    private static int slowServer() throws Exception {
        ServerSocket server = new ServerSocket(0, SOCKET * 2, InetAddress.getLoopbackAddress());
        List<OutputStream> peers = new CopyOnWriteArrayList<>();
        Ready.start("slow-server-acceptor", () -> {
            while (true) {
                peers.add(server.accept().getOutputStream());
            }
        });
        Ready.start("slow-server", () -> {
            while (true) {
                Ready.sleepMillis(ANSWER_EVERY_MILLIS);
                for (OutputStream peer : peers) {
                    peer.write('x');
                    peer.flush();
                }
            }
        });
        return server.getLocalPort();
    }

    private static void query(String url) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            while (true) {
                statement.execute("CALL JSPY_SLEEP(" + QUERY_MILLIS + ")");
            }
        } catch (Exception e) {
            if (!Ready.isExiting()) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void read(InetAddress host, int port) {
        try (Socket s = new Socket(host, port)) {
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // one byte a second
            }
        } catch (Exception e) {
            if (!Ready.isExiting()) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void spin() {
        long x = 0;
        while (true) {
            for (int i = 0; i < 1_000_000; i++) {
                x += i * 31L;
            }
            sink = x;
        }
    }

    private static Thread virtual(String name, Runnable body) throws Exception {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(ofVirtual.invoke(null), name);
        return (Thread) builder.getMethod("start", Runnable.class).invoke(named, body);
    }
}
