package jspy.cli.dump;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.kernel.ThreadPeers;
import jspy.cli.profile.Bucket;

/**
 * Names the peer of each platform thread that a dump shows waiting on a socket (socket and jdbc),
 * read from the kernel as wait targets are (docs/wait-targets.md): the thread's system call, its
 * descriptor's socket and the target's own socket tables. One look, at the dump's moment; where
 * the kernel refuses, a note says so and the dump is shown as before.
 */
public final class DumpPeers {
    private DumpPeers() {
    }

    public static Dump add(Dump dump) {
        List<DumpedThread> waiting = new ArrayList<>();
        for (DumpedThread t : dump.threads()) {
            if (!t.virtual() && t.osTid() > 0 && (t.bucket() == Bucket.SOCKET || t.bucket() == Bucket.JDBC)) {
                waiting.add(t);
            }
        }
        if (waiting.isEmpty()) {
            return dump;
        }
        Map<Long, String> peers = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(dump.notes());
        try (ThreadPeers kernel = new ThreadPeers(dump.pid())) {
            for (DumpedThread t : waiting) {
                String peer = kernel.peer(t.osTid());
                peers.put(t.id(), peer == null ? "?" : peer);
            }
            if (kernel.denied()) {
                peers.clear();
                notes.add("peers unavailable: " + kernel.refusal() + " (hint: run jspy dump as root or as the JVM's user)");
            }
        }
        return new Dump(dump.pid(), dump.mainClass(), dump.javaVersion(), dump.threads(), List.copyOf(notes),
                Map.copyOf(peers));
    }
}
