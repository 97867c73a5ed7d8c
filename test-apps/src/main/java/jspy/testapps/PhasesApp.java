package jspy.testapps;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * One thread whose work changes with time, for the timeline: {@code phases-worker} spins for 2 s
 * (cpu), then sends a byte to a local server that answers 2 s later and blocks reading the answer
 * (socket), and again. The server's thread sleeps out the 2 s (idle) and waits for the next
 * request in a read (socket) while the worker spins. Loopback only, ephemeral port.
 */
public final class PhasesApp {
    /** How long each phase lasts. */
    static final long PHASE_MILLIS = 2000;

    static volatile long sink;

    private PhasesApp() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(0, 50, loopback);
        Ready.start("phases-server", () -> {
            try (Socket peer = server.accept()) {
                InputStream in = peer.getInputStream();
                OutputStream out = peer.getOutputStream();
                while (in.read() != -1) {
                    Ready.sleepMillis(PHASE_MILLIS);
                    out.write(1);
                    out.flush();
                }
            }
        });
        Thread worker = Ready.start("phases-worker", () -> {
            try (Socket socket = new Socket(loopback, server.getLocalPort())) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    spin(PHASE_MILLIS);
                    out.write(1);
                    out.flush();
                    // No timeout: the read blocks in SocketDispatcher.read0, the socket bucket.
                    if (in.read() == -1) {
                        return;
                    }
                }
            }
        });
        Ready.awaitFrame(worker, "PhasesApp.spin");
        Ready.signalAndSleepForever();
    }

    /** Pure arithmetic for the given time: the cpu bucket, with this method on top. */
    static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 29;
            }
            sink = x;
        }
    }
}
