package jspy.testapps;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * MixedWaitsApp's Unix-domain socket, read at both ends ({@code unix-server-1}, {@code unix-client-1}).
 * A class of its own because UnixDomainSocketAddress is JDK 16+: the app calls it only from 16 on,
 * and the JDK 11 build of the app (Jdk11IT, --release 11) leaves it out.
 */
final class UnixWaits {
    private UnixWaits() {
    }

    /** A Unix-domain socket nobody writes to: the server's accepted end and the client's end both read forever. */
    static void start(Path path) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
        SocketChannel accepted = server.accept();
        Ready.awaitFrame(Ready.start("unix-server-1", () -> readForever(accepted)), "SocketDispatcher.read0");
        Ready.awaitFrame(Ready.start("unix-client-1", () -> readForever(client)), "SocketDispatcher.read0");
    }

    private static void readForever(SocketChannel channel) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        while (channel.read(buffer) >= 0) {
            buffer.clear();
        }
    }
}
