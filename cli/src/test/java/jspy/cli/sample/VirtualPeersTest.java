package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jspy.cli.kernel.SyscallTable;
import jspy.cli.kernel.ThreadPeers;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.WaitTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dump window's parked socket waiters against a read poller that holds two PostgreSQL sockets. */
class VirtualPeersTest {
    private static final List<String> POLLED = List.of("[vt-pg tid=1 virtual]", "java/lang/VirtualThread.run",
            "org/postgresql/core/PGStream.receiveChar", VirtualPeers.POLLER_FRAME, "java/lang/VirtualThread.park");
    private static final List<String> FUTURE = List.of("[vt-http tid=2 virtual]", "java/lang/VirtualThread.run",
            "jdk/internal/net/http/HttpClientImpl.send", "java/lang/VirtualThread.park");

    @TempDir
    Path proc;

    @Test
    void pollersPeersGoToThePolledWaitersAndTheRestAreUnknown() throws Exception {
        VirtualPeers peers = new VirtualPeers(kernel());
        long now = System.currentTimeMillis() * 1_000_000;
        Window w = window(now - 1_000_000_000L, now, POLLED, POLLED, POLLED, FUTURE);
        assertNull(peers.annotate(w, s -> Bucket.JDBC, false), "held for the first look at the pollers");
        peers.probeDue(System.nanoTime());
        Window named = peers.annotate(w, s -> Bucket.JDBC, false);
        // two registrations for three polled waiters: the third is unknown, as is the future's
        assertEquals(Map.of("peer 127.0.0.1:5432", 2, "peer ?", 2), tally(named));
        assertEquals(WaitTarget.UNKNOWN_PEER, named.samples().get(3).target());
    }

    @Test
    void withNoLookTheLastWindowSaysUnknown() throws Exception {
        VirtualPeers peers = new VirtualPeers(kernel());
        long now = System.currentTimeMillis() * 1_000_000;
        Window named = peers.annotate(window(now - 1_000_000_000L, now, POLLED), s -> Bucket.SOCKET, true);
        assertEquals(Map.of("peer ?", 1), tally(named));
    }

    @Test
    void otherBucketsAreLeftAlone() throws Exception {
        Window w = window(0, 1, POLLED);
        assertEquals(w, new VirtualPeers(kernel()).annotate(w, s -> Bucket.IDLE, false));
    }

    private ThreadPeers kernel() throws Exception {
        Files.createDirectories(proc.resolve("fd"));
        Files.createDirectories(proc.resolve("fdinfo"));
        Files.createDirectories(proc.resolve("net"));
        Files.createSymbolicLink(proc.resolve("fd/13"), Path.of("anon_inode:[eventpoll]"));
        Files.writeString(proc.resolve("fdinfo/13"), "pos:\t0\nflags:\t02000002\nmnt_id:\t17\nino:\t26\n"
                + "tfd:       20 events: 40000019 data:               14  pos:0 ino:3e8 sdev:9\n"
                + "tfd:       18 events: 40000019 data:               12  pos:0 ino:3e9 sdev:9\n");
        Files.writeString(proc.resolve("net/tcp"), "  sl  local_address rem_address   st\n" + row(1000) + row(1001));
        return new ThreadPeers(proc, SyscallTable.of("amd64"));
    }

    private static String row(long inode) {
        return "   0: 0100007F:9F73 0100007F:1538 01 00000000:00000000 00:00000000 00000000     0        0 "
                + inode + " 1 0000000000000000 20 4 30 10 -1\n";
    }

    @SafeVarargs
    private static Window window(long from, long to, List<String>... stacks) {
        List<StackSample> samples = new ArrayList<>();
        for (int i = 0; i < stacks.length; i++) {
            samples.add(new StackSample(i + 1, ThreadState.UNKNOWN, from, 100, stacks[i]));
        }
        return new Window(1, from, to, samples.size(), samples.size(), samples, true);
    }

    private static Map<String, Integer> tally(Window w) {
        Map<String, Integer> out = new TreeMap<>();
        w.samples().forEach(s -> out.merge(s.target().text(), 1, Integer::sum));
        return out;
    }
}
