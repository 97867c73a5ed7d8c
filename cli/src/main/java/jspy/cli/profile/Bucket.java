package jspy.cli.profile;

/** Where a sample's thread spent its time. Every sample lands in exactly one bucket. */
public enum Bucket {
    CPU("cpu", "#e8573f", "running"),
    SOCKET("socket", "#3d8fd6", "blocked in a socket read, write, accept or connect"),
    POLL("poll", "#6bb7c9", "waiting in a selector or epoll"),
    JDBC("jdbc", "#9b59b6", "inside a JDBC driver call, including its socket wait"),
    LOCK("lock", "#e6b12e", "waiting for a contended monitor or lock"),
    IO("io", "#5bb55b", "file I/O"),
    JVM("jvm", "#8d6e63", "GC, JIT and VM threads at work, or a thread stopped for them"),
    IDLE("idle", "#b0b0b0", "sleeping, parked in a pool queue, Object.wait, housekeeping");

    private final String label;
    private final String color;
    private final String meaning;

    Bucket(String label, String color, String meaning) {
        this.label = label;
        this.color = color;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String color() {
        return color;
    }

    public String meaning() {
        return meaning;
    }
}
