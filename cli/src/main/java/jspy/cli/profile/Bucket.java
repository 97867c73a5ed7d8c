package jspy.cli.profile;

/** Where a sample's thread spent its time. Every sample lands in exactly one bucket. */
public enum Bucket {
    CPU("cpu", "#e8573f"),
    SOCKET("socket", "#3d8fd6"),
    POLL("poll", "#6bb7c9"),
    JDBC("jdbc", "#9b59b6"),
    POOL("pool", "#e377c2"),
    LOCK("lock", "#e6b12e"),
    IO("io", "#5bb55b"),
    AWAIT("await", "#bcbd22"),
    JVM("jvm", "#8d6e63"),
    IDLE("idle", "#b0b0b0");

    private final String label;
    private final String color;

    Bucket(String label, String color) {
        this.label = label;
        this.color = color;
    }

    public String label() {
        return label;
    }

    public String color() {
        return color;
    }
}
