package jspy.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real socket tables of a JDK 17 process (resources/kernel), and rows written as proc(5) documents them. */
class SocketTableTest {
    @Test
    void aDualStackSocketsIpv4PeerReadsAsIpv4() throws IOException {
        SocketTable t = SocketTable.of(Map.of("tcp6", SyscallTest.resource("tcp6.txt")));
        assertEquals("127.0.0.1:39099", t.peer(11312), "the reader's socket, connected to the server on 0x98BB");
        assertNull(t.peer(10193), "a listening socket has no peer");
    }

    @Test
    void udpConnectedToAPeer() throws IOException {
        assertEquals("127.0.0.1:9", SocketTable.of(Map.of("udp6", SyscallTest.resource("udp6.txt"))).peer(35194));
    }

    @Test
    void ipv4AndIpv6Rows() {
        SocketTable t = new SocketTable();
        t.addInet("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:D2F0 0500000A:1538 01 00000000:00000000 00:00000000 00000000  1000        0 4242 1 x 20 4 30 10 -1\n");
        t.addInet("  sl  local_address                         remote_address                        st\n"
                + "   0: 00000000000000000000000001000000:C350 00000000000000000000000001000000:18EB 01 00000000:00000000"
                + " 00:00000000 00000000  1000        0 4343 1 x 20 4 30 10 -1\n"
                + "   1: 00000000000000000000000001000000:C351 B80D01200000000000000000010000FE:0050 01 00000000:00000000"
                + " 00:00000000 00000000  1000        0 4444 1 x 20 4 30 10 -1\n");
        assertEquals("10.0.0.5:5432", t.peer(4242));
        assertEquals("[::1]:6379", t.peer(4343));
        assertEquals("[2001:db8::fe00:1]:80", t.peer(4444));
    }

    @Test
    void aUnixSocketIsNamedByItsPathWhereItHasOne() throws IOException {
        SocketTable t = SocketTable.of(Map.of("unix", SyscallTest.resource("unix.txt")));
        assertEquals("unix:/tmp/bench/u.sock", t.peer(35191), "the server's end carries the path");
        assertNull(t.peer(35192), "a client's end has no path in /proc: its peer stays unknown");
    }

    @Test
    void cutOrForeignLinesAreSkipped() {
        SocketTable t = new SocketTable();
        t.addInet("   0: 0100007F:D2F0 0500000A:15\n   1: zz:zz 0500000A:1538 01 0 0 0 0 0 x\n");
        assertEquals(0, t.size());
    }
}
