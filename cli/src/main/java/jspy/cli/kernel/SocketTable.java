package jspy.cli.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * Socket inodes to peers, from the socket tables of a process's network namespace
 * ({@code /proc/PID/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}, {@code unix}): read through
 * the target's pid, so a container's table is its own, not jspy's. Peers are written as people
 * write them, never looked up in DNS: {@code 127.0.0.1:5432}, {@code [::1]:6379},
 * {@code unix:/run/app.sock}; an IPv4 peer of a dual-stack socket
 * ({@code 0000000000000000FFFF0000} + the address) as IPv4.
 */
public final class SocketTable {
    private final Map<Long, String> peers = new HashMap<>();

    /** The peer of a socket inode, or null when no table holds it. */
    public String peer(long inode) {
        return peers.get(inode);
    }

    public int size() {
        return peers.size();
    }

    /** Adds the rows of a tcp, tcp6, udp or udp6 table: inode (column 10) to rem_address (column 3). */
    public void addInet(CharSequence table) {
        for (String line : table.toString().split("\n")) {
            String[] c = line.trim().split("\\s+");
            if (c.length < 10 || !c[0].endsWith(":")) {
                continue; // the header, or a line cut short
            }
            try {
                long inode = Long.parseLong(c[9]);
                String peer = Addresses.inet(c[2]);
                if (inode != 0 && peer != null) {
                    peers.put(inode, peer);
                }
            } catch (NumberFormatException e) {
                // not a row of the format documented in proc(5)
            }
        }
    }

    /**
     * Adds the rows of a unix table that have a path (column 8). A connected client's own socket
     * has none: the kernel names its peer only over sock_diag netlink, which plain file reads
     * cannot reach, so such a socket stays unknown ({@code peer ?}).
     */
    public void addUnix(CharSequence table) {
        for (String line : table.toString().split("\n")) {
            String[] c = line.trim().split("\\s+", 8);
            if (c.length < 8 || !c[0].endsWith(":") || !c[7].startsWith("/") && !c[7].startsWith("@")) {
                continue;
            }
            try {
                peers.put(Long.parseLong(c[6]), "unix:" + c[7]);
            } catch (NumberFormatException e) {
                // not a row
            }
        }
    }

    /** Tables parsed from a directory's files, for tests and callers that read them themselves. */
    public static SocketTable of(Map<String, String> files) {
        SocketTable t = new SocketTable();
        Map<String, String> inet = new HashMap<>(files);
        String unix = inet.remove("unix");
        inet.values().forEach(t::addInet);
        if (unix != null) {
            t.addUnix(unix);
        }
        return t;
    }
}
