package jspy.testapps;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A client blocked reading a socket whose peer never writes (the "socket" bucket), and a server
 * thread blocked in accept. Loopback only, ephemeral port.
 */
public final class SocketApp {

    private SocketApp() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(0, 50, loopback);
        // Accepted sockets are kept referenced: if one were collected and closed, the reader
        // would see EOF and leave its blocking read.
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = Ready.start("socket-acceptor", () -> {
            while (true) {
                Socket peer = server.accept();
                synchronized (accepted) {
                    accepted.add(peer);
                }
            }
        });
        Thread reader = Ready.start("socket-reader", () -> {
            try (Socket socket = new Socket(loopback, server.getLocalPort())) {
                InputStream in = socket.getInputStream();
                // No timeout on purpose: with SO_TIMEOUT the JDK waits in Net.poll instead of read0.
                while (in.read() != -1) {
                    // the server never writes; nothing to do with a byte
                }
            }
        });
        // JDK 13+ reads and accepts through NioSocketImpl (JEP 353), JDK 11 through PlainSocketImpl.
        boolean nio = Runtime.version().feature() >= 13;
        Ready.awaitFrame(reader, nio ? "SocketDispatcher.read0" : "SocketInputStream.socketRead0");
        Ready.awaitFrame(acceptor, nio ? "Net.accept" : "PlainSocketImpl.socketAccept");
        Ready.signalAndSleepForever();
    }
}
