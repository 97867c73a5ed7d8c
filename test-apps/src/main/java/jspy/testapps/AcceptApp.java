package jspy.testapps;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Servers waiting for connections, each the way some server does it: {@code accept-socket} in
 * ServerSocket.accept (RMI, many small servers), {@code accept-timed} the same with SO_TIMEOUT
 * (Netty's blocking transport: the JDK then waits in NioSocketImpl.park over Net.poll),
 * {@code accept-channel} in a blocking ServerSocketChannel.accept (Tomcat's and Jetty's
 * acceptors) and, on JDK 21+, a virtual thread {@code vt-accept} in ServerSocket.accept. All wait
 * for work: idle. {@code read-timed} reads with SO_TIMEOUT from a peer that never writes, the
 * same park over Net.poll under a read: socket. Loopback only.
 */
public final class AcceptApp {
    private static final int TIMEOUT_MILLIS = 600_000;

    private AcceptApp() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket plain = new ServerSocket(0, 50, loopback);
        ServerSocket timed = new ServerSocket(0, 50, loopback);
        timed.setSoTimeout(TIMEOUT_MILLIS);
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
        List<Object> accepted = new ArrayList<>(); // kept referenced: a collected socket would close
        Ready.awaitFrame(Ready.start("accept-socket", () -> serve(accepted, plain::accept)), "Net.accept");
        Ready.awaitFrame(Ready.start("accept-timed", () -> serve(accepted, timed::accept)), "NioSocketImpl.park");
        Ready.awaitFrame(Ready.start("accept-channel", () -> serve(accepted, channel::accept)), "Net.accept");
        Ready.awaitFrame(Ready.start("read-timed", () -> readTimed(loopback, plain.getLocalPort())),
                "NioSocketImpl.park");
        if (Runtime.version().feature() >= 21) {
            ServerSocket forVirtual = new ServerSocket(0, 50, loopback);
            Ready.awaitState(virtual("vt-accept", () -> {
                try {
                    serve(accepted, forVirtual::accept);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }), Thread.State.WAITING);
        }
        Ready.signalAndSleepForever();
    }

    private interface Accept {
        Object next() throws Exception;
    }

    /** Accepts forever, as a server does; the one connection that comes is read-timed's. */
    private static void serve(List<Object> accepted, Accept accept) throws Exception {
        while (true) {
            try {
                Object peer = accept.next();
                synchronized (accepted) {
                    accepted.add(peer);
                }
            } catch (SocketTimeoutException nobodyCame) {
                // accept again, as Netty's blocking acceptor does every SO_TIMEOUT
            }
        }
    }

    private static void readTimed(InetAddress host, int port) throws Exception {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            while (true) {
                try {
                    if (in.read() == -1) {
                        return;
                    }
                } catch (SocketTimeoutException quiet) {
                    // the peer never writes: read again
                }
            }
        }
    }

    private static Thread virtual(String name, Runnable body) throws Exception {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(ofVirtual.invoke(null), name);
        return (Thread) builder.getMethod("start", Runnable.class).invoke(named, body);
    }
}
