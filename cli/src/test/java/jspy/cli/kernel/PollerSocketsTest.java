package jspy.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epolls' fdinfo as Temurin 25.0.3's pollers and selectors left them (kernel 6.18, 2026-12-07). */
class PollerSocketsTest {
    private static final String HEAD = "pos:\t0\nflags:\t02000002\nmnt_id:\t17\nino:\t26\n";
    /** The MasterPoller's epoll: the sub-pollers' epolls (anonymous inode 0x1a, the epoll's own 26). */
    private static final String MASTER = HEAD
            + "tfd:       15 events: 40000019 data:                f  pos:0 ino:1a sdev:10\n"
            + "tfd:       14 events: 40000019 data:     7fe70000000e  pos:0 ino:1a sdev:10\n";
    /** A read sub-poller: two parked readers (EPOLLONESHOT|EPOLLIN|ERR|HUP). */
    private static final String READ = HEAD
            + "tfd:       20 events: 40000019 data:               14  pos:0 ino:3e8 sdev:9\n"
            + "tfd:       18 events: 40000019 data:               12  pos:0 ino:3e9 sdev:9\n";
    /** The write sub-poller: connects that completed, disarmed (EPOLLONESHOT alone) and left listed. */
    private static final String WRITE = HEAD
            + "tfd:       12 events: 40000000 data:                c  pos:0 ino:3e9 sdev:9\n";
    /** The HttpClient's selector: its wakeup eventfd and a socket, neither one-shot. */
    private static final String SELECTOR = HEAD
            + "tfd:       26 events:       19 data:               1a  pos:0 ino:3ea sdev:9\n"
            + "tfd:       24 events:       19 data:     7fe800000018  pos:0 ino:1a sdev:10\n";

    @TempDir
    Path proc;

    @Test
    void armedRegistrationsOfOneShotEpollsAreTheWaiters() {
        assertEquals(new PollerSockets.Epoll(true, List.of(1000L, 1001L)), PollerSockets.parse(READ));
        assertEquals(new PollerSockets.Epoll(true, List.of()), PollerSockets.parse(WRITE), "disarmed: nobody waits");
        assertEquals(new PollerSockets.Epoll(true, List.of()), PollerSockets.parse(MASTER), "epolls, not sockets");
        assertEquals(new PollerSockets.Epoll(true, List.of()), PollerSockets.parse(HEAD), "an idle poller");
        assertFalse(PollerSockets.parse(SELECTOR).poller(), "a selector's epoll");
    }

    @Test
    void virtualPeersAreThePollersSocketsNeverASelectors() throws Exception {
        epoll(12, MASTER);
        epoll(13, READ);
        epoll(14, WRITE);
        epoll(23, SELECTOR);
        Files.createSymbolicLink(proc.resolve("fd/40"), Path.of("socket:[1000]"));
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), "  sl  local_address rem_address   st\n"
                + row(0, "0100007F:1538", 1000) + row(1, "0100007F:18EB", 1001) + row(2, "0100007F:1F90", 1002));
        List<String> peers = new ThreadPeers(proc, SyscallTable.of("amd64")).virtualPeers();
        assertEquals(List.of("127.0.0.1:5432", "127.0.0.1:6379"), peers.stream().sorted().toList());
        assertTrue(!peers.contains("127.0.0.1:8080"), "the selector's peer");
    }

    @Test
    void noProcessNoPeers() {
        assertEquals(null, new ThreadPeers(proc.resolve("gone"), SyscallTable.of("amd64")).virtualPeers());
    }

    private void epoll(int fd, String fdinfo) throws Exception {
        Files.createDirectories(proc.resolve("fd"));
        Files.createDirectories(proc.resolve("fdinfo"));
        Files.createSymbolicLink(proc.resolve("fd/" + fd), Path.of("anon_inode:[eventpoll]"));
        Files.writeString(proc.resolve("fdinfo/" + fd), fdinfo);
    }

    private static String row(int sl, String remote, long inode) {
        return "   " + sl + ": 0100007F:9F73 " + remote + " 01 00000000:00000000 00:00000000 00000000     0        0 "
                + inode + " 1 0000000000000000 20 4 30 10 -1\n";
    }
}
