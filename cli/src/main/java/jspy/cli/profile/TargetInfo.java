package jspy.cli.profile;

/** What was profiled: one JVM, or in launch mode a command and the JVMs it started. */
public record TargetInfo(long pid, String mainClass, String javaVersion, int jvms) {
    public TargetInfo(long pid, String mainClass, String javaVersion) {
        this(pid, mainClass, javaVersion, 1);
    }

    /**
     * The main class as every output names it, from the JVM's sun.java.command: its first word,
     * and for {@code java -jar /long/path/app.jar} the jar's file name.
     */
    public static String mainClassOf(String command) {
        String c = command == null ? "" : command.trim();
        int space = c.indexOf(' ');
        String main = space < 0 ? c : c.substring(0, space);
        return main.endsWith(".jar") ? main.substring(main.lastIndexOf('/') + 1) : main;
    }

    /**
     * "pid 1234 · com.acme.Main · JDK 17.0.15", leaving out what is unknown. In launch mode the JVM
     * count comes before the command, "pid 1234 · 3 JVMs · mvn -B test · JDK 17.0.15/25.0.1": a
     * command line of 80 characters cut a flame graph's title, and the count with it (issue 23).
     */
    public String describe() {
        StringBuilder out = new StringBuilder("pid ").append(pid);
        if (jvms != 1) {
            out.append(" · ").append(jvms).append(" JVMs");
        }
        if (mainClass != null && !mainClass.isEmpty()) {
            out.append(" · ").append(mainClass);
        }
        if (javaVersion != null && !javaVersion.isEmpty()) {
            out.append(" · JDK ").append(javaVersion);
        }
        return out.toString();
    }
}
