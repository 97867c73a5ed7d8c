package jspy.cli.profile;

/** What the agent reported about the profiled JVM. */
public record TargetInfo(long pid, String mainClass, String javaVersion) {
    /** "pid 1234 · com.acme.Main · JDK 17.0.15", leaving out what is unknown. */
    public String describe() {
        StringBuilder out = new StringBuilder("pid ").append(pid);
        if (mainClass != null && !mainClass.isEmpty()) {
            out.append(" · ").append(mainClass);
        }
        if (javaVersion != null && !javaVersion.isEmpty()) {
            out.append(" · JDK ").append(javaVersion);
        }
        return out.toString();
    }
}
