package jspy.cli.profile;

/**
 * What a wait waits on: the peer of a socket (socket and jdbc samples), a lock and the thread that
 * held it when it was looked at (lock samples), or a pool's class (pool samples). Every view shows
 * it as one frame right after the bucket: {@code [peer 127.0.0.1:6379]}, {@code [peer ?]},
 * {@code [Ledger held by ledger-writer-3]}, {@code [lock ?]}, {@code [HikariPool]}.
 *
 * @param name the peer ({@code 127.0.0.1:5432}, {@code [::1]:6379}, {@code unix:/run/app.sock}),
 *             the lock's class ({@code Ledger}, {@code ReentrantLock}) or the pool's; null: unknown
 * @param owner the name of the lock's owner when seen, else null
 */
public record WaitTarget(Kind kind, String name, String owner) {
    public enum Kind {
        PEER("peer"), LOCK("lock"), POOL("pool");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The pprof label and the JSON field that carry this kind. */
        public String label() {
            return label;
        }
    }

    /** The kind of target a bucket's samples name: peers for socket and jdbc, and so on; null for none. */
    public static Kind kindOf(Bucket bucket) {
        return switch (bucket) {
            case SOCKET, JDBC -> Kind.PEER;
            case LOCK -> Kind.LOCK;
            case POOL -> Kind.POOL;
            default -> null;
        };
    }

    public static final WaitTarget UNKNOWN_PEER = new WaitTarget(Kind.PEER, null, null);
    public static final WaitTarget UNKNOWN_LOCK = new WaitTarget(Kind.LOCK, null, null);

    public static WaitTarget peer(String peer) {
        return peer == null ? UNKNOWN_PEER : new WaitTarget(Kind.PEER, peer, null);
    }

    /** A lock by its class name as the JVM gives it; the java.util.concurrent sync inner classes read as their lock. */
    public static WaitTarget lock(String className, String owner) {
        return className == null ? UNKNOWN_LOCK : new WaitTarget(Kind.LOCK, shortName(className), owner);
    }

    public static WaitTarget pool(String className) {
        return new WaitTarget(Kind.POOL, className == null ? null : shortName(className), null);
    }

    /** The frame text, without brackets. */
    public String text() {
        return switch (kind) {
            case PEER -> "peer " + (name == null ? "?" : name);
            case LOCK -> name == null ? "lock ?" : name + " held by " + (owner == null ? "?" : owner);
            case POOL -> name == null ? "pool ?" : name;
        };
    }

    /**
     * What a label or a table cell says: the peer ({@code 127.0.0.1:6379}), the lock and its owner
     * ({@code Ledger held by ledger-writer-3}) or the pool; {@code ?} when unknown.
     */
    public String label() {
        return kind == Kind.LOCK ? text() : name == null ? "?" : name;
    }

    /** The frame as it stands in a stack: the text in brackets, as bucket and thread frames are. */
    public String frame() {
        return "[" + text() + "]";
    }

    /** Whether this is the frame of a target of the bucket: after [socket] a [peer …], and so on. */
    public static WaitTarget parse(Bucket bucket, String frame) {
        if (!frame.startsWith("[") || !frame.endsWith("]") || Frames.isThread(frame)) {
            return null;
        }
        String text = frame.substring(1, frame.length() - 1);
        if ((bucket == Bucket.SOCKET || bucket == Bucket.JDBC) && text.startsWith("peer ")) {
            String peer = text.substring(5);
            return peer.equals("?") ? UNKNOWN_PEER : peer(peer);
        }
        if (bucket == Bucket.LOCK) {
            int held = text.indexOf(" held by ");
            return text.equals("lock ?") ? UNKNOWN_LOCK : held < 0 ? null
                    : new WaitTarget(Kind.LOCK, text.substring(0, held), unknownAsNull(text.substring(held + 9)));
        }
        return bucket != Bucket.POOL ? null : text.equals("pool ?") ? new WaitTarget(Kind.POOL, null, null)
                : !text.contains(" ") ? new WaitTarget(Kind.POOL, text, null) : null;
    }

    private static String unknownAsNull(String owner) {
        return owner.equals("?") ? null : owner;
    }

    /**
     * {@code com.acme.Ledger} → {@code Ledger}, {@code java.util.concurrent.locks.ReentrantLock$NonfairSync}
     * → {@code ReentrantLock}: the JVM names a j.u.c lock by its synchronizer, which nobody wrote.
     */
    static String shortName(String className) {
        String c = className.replace('/', '.');
        c = c.substring(c.lastIndexOf('.') + 1).replaceAll("(\\$\\d+)+$", "");
        for (String sync : new String[] {"$NonfairSync", "$FairSync", "$Sync"}) {
            if (c.endsWith(sync)) {
                return c.substring(0, c.length() - sync.length());
            }
        }
        return c;
    }
}
