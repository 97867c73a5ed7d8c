package jspy.cli.dump;

import java.util.List;
import java.util.Map;

/**
 * Every thread of one JVM at one moment: platform threads first, then virtual ones, each by id.
 * notes: what could not be dumped (shown, never fatal). peers: the peer of each thread blocked on
 * a socket, by Java id ({@link DumpPeers}).
 */
public record Dump(long pid, String mainClass, String javaVersion, List<DumpedThread> threads, List<String> notes,
                   Map<Long, String> peers) {
    public Dump(long pid, String mainClass, String javaVersion, List<DumpedThread> threads, List<String> notes) {
        this(pid, mainClass, javaVersion, threads, notes, Map.of());
    }

    /** The peer of a thread's socket wait, or null. */
    public String peer(DumpedThread t) {
        return peers.get(t.id());
    }
}
