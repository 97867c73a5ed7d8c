package jspy.cli.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which JVMs are jspy itself (serve, record, top, ...), so that {@code serve --all} never samples
 * them: sampling a profiler profiles the profiling, and a second serve would sample the first.
 * A JVM is jspy's when its main class is {@code jspy.cli.Main}: named on the command line, or the
 * Main-Class of the jar it runs with -jar, so a renamed or relocated jar (the release tarball's
 * lib/jspy.jar) is still recognised. Each JVM is looked at once: its command line does not change.
 */
final class JspyJvms {
    static final String MAIN = "jspy.cli.Main";
    /** java's options that take the next argument as their value, as `java --help` lists them. */
    private static final Set<String> WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--upgrade-module-path", "--add-modules", "--limit-modules", "--enable-native-access", "-splash");

    private final Map<Long, Boolean> known = new HashMap<>();

    /** True when pid runs jspy; remembered until {@link #forgetAllBut} drops it. */
    boolean isJspy(long pid) {
        return known.computeIfAbsent(pid, JspyJvms::runsJspy);
    }

    void forgetAllBut(Set<Long> running) {
        known.keySet().retainAll(running);
    }

    private static boolean runsJspy(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            List<String> args = commandLine(proc);
            String main = mainOf(args.subList(Math.min(1, args.size()), args.size()));
            if (main == null) {
                return false;
            }
            return main.endsWith(".jar") ? MAIN.equals(mainClassOf(proc.resolve("cwd").resolve(main))) : MAIN.equals(main);
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to read: then not ours to sample either
        }
    }

    /**
     * A process's arguments, argv[0] first. /proc/PID/cmdline ends each one with a NUL, the last
     * one too: split drops the empty string after it (joining the raw bytes with spaces left a
     * trailing space, and --include 'Main$' never matched).
     */
    static List<String> commandLine(Path proc) throws IOException {
        return List.of(new String(Files.readAllBytes(proc.resolve("cmdline"))).split("\0"));
    }

    /** The main class, or for -jar the jar's path, from java's arguments (without argv[0]); null if none. */
    static String mainOf(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
                String next = i + 1 < args.size() ? args.get(i + 1) : null;
                return next == null || a.equals("-jar") ? next : next.substring(next.indexOf('/') + 1);
            }
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static String mainClassOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest m = file.getManifest();
            return m == null ? null : m.getMainAttributes().getValue("Main-Class");
        }
    }
}
