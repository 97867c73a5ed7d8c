package jspy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/** What the harness runs: found once, so that every measure uses the same binaries. */
final class Env {
    final Path repo;
    final Path launcher;
    final Path jspyJar;
    final String benchClasspath;
    /** The JDK the targets run on (and the renderer). */
    final Path java;
    final String javaVersion;
    /** A JDK 25 for the -XX:AOTCache figure, or null. */
    final Path java25;
    final Path jcmd;
    final Path jattach;
    final Path libAsyncProfiler;
    final Path work;
    final boolean topBuilt;
    final boolean dumpBuilt;
    final boolean flamegraphBuilt;
    /** flamegraph.pl (Brendan Gregg's) if installed, for the rendering comparison. */
    final Path flamegraphPl;

    Env(Path repo, Path work) throws Exception {
        this.repo = repo;
        this.work = work;
        launcher = repo.resolve("jspy");
        jspyJar = repo.resolve("cli/target/jspy.jar");
        benchClasspath = System.getProperty("java.class.path");
        java = probeJdk(System.getenv("BENCH_JAVA_HOME"), "/usr/lib/jvm/java-17-openjdk-amd64",
                System.getenv("JAVA_HOME"), System.getProperty("java.home"));
        java25 = probeJdk(System.getenv("BENCH_JAVA25_HOME"), "/usr/lib/jvm/temurin-25-jdk-amd64",
                "/usr/lib/jvm/java-25-openjdk-amd64");
        jcmd = java.getParent().resolve("jcmd");
        javaVersion = Proc.run(List.of(java.toString(), "-XshowSettings:properties", "-version"), work, "jdk", 60)
                .stderr().lines().filter(l -> l.contains("java.runtime.version ="))
                .map(l -> l.substring(l.indexOf('=') + 1).strip()).findFirst().orElse("?");
        jattach = extract("jspy/embedded/libs/jattach-4.2-linux-x64", "jattach", true);
        libAsyncProfiler = extract("jspy/embedded/linux-x64/libasyncProfiler.so", "libasyncProfiler.so", false);
        String help = "Not implemented yet.";
        topBuilt = !jspy(List.of("top", "--help")).contains(help);
        dumpBuilt = !jspy(List.of("dump", "--help")).contains(help);
        flamegraphBuilt = !jspy(List.of("flamegraph", "--help")).contains(help);
        // Debian ships Brendan Gregg's flamegraph.pl inside libdevel-nytprof-perl.
        Path nytprof = Path.of("/usr/share/perl5/Devel/NYTProf/flamegraph.pl");
        flamegraphPl = onPath("flamegraph.pl") != null ? onPath("flamegraph.pl")
                : Files.isRegularFile(nytprof) ? nytprof : null;
    }

    List<String> jspyCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String jspy(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(args);
        Proc.Result r = Proc.run(cmd, work, "probe", 60);
        return r.stdout() + r.stderr();
    }

    private static Path probeJdk(String... homes) {
        for (String home : homes) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
                return Path.of(home, "bin", "java");
            }
        }
        return null;
    }

    /** The same jattach and library jspy ships, taken out of its jar. */
    private Path extract(String entry, String name, boolean executable) throws IOException {
        Path target = work.resolve(name);
        try (ZipFile zip = new ZipFile(jspyJar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().setExecutable(executable);
        return target;
    }

    private static Path onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String n : names) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The commit measured, as Markdown. */
    String git() {
        try {
            Proc.Result r = Proc.run(List.of("git", "-C", repo.toString(), "log", "-1", "--format=%h %s"),
                    work, "git", 30);
            return r.exit() == 0 ? "`" + r.stdout().strip() + "`" : "(no git)";
        } catch (Exception e) {
            return "(no git)";
        }
    }

    /** MemTotal of /proc/meminfo. */
    static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ").replace("MemTotal: ", "")
                    + " RAM";
        } catch (Exception e) {
            return "?";
        }
    }
}
