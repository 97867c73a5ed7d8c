package jspy.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The release tarball as a user installs it: unpacked once per test JVM into a clean directory
 * (under target/), and run from a shell with no JAVA_HOME and no java on PATH ({@link CleanShell}).
 */
final class Tarball {
    private static Tarball unpacked;
    final Path file;
    /** The unpacked jspy-VERSION directory. */
    final Path home;
    /** The directory it was unpacked into, a scratch area for the tests too. */
    final Path dir;
    final CleanShell shell;

    private Tarball(Path file, Path home, Path dir, CleanShell shell) {
        this.file = file;
        this.home = home;
        this.dir = dir;
        this.shell = shell;
    }

    static synchronized Tarball unpacked() throws Exception {
        if (unpacked == null) {
            Path file = Path.of(System.getProperty("jspy.tarball"));
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("no release tarball at " + file + ": run 'mvn package'");
            }
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tarball-it-")
                    .toRealPath();
            CleanShell shell = CleanShell.in(dir);
            Path opt = Files.createDirectories(dir.resolve("opt"));
            CleanShell.Result untar = shell.run(dir, Map.of(), 120, List.of("tar", "xzf", file.toString(), "-C",
                    opt.toString()));
            if (untar.code() != 0) {
                throw new AssertionError("tar xzf " + file + ": " + untar.err());
            }
            try (Stream<Path> top = Files.list(opt)) {
                List<Path> dirs = top.toList();
                if (dirs.size() != 1) {
                    throw new AssertionError("the tarball must unpack into one directory: " + dirs);
                }
                unpacked = new Tarball(file, dirs.get(0).toRealPath(), dir, shell);
            }
        }
        return unpacked;
    }

    /** A fresh directory for one test. */
    Path work(String name) throws IOException {
        return Files.createTempDirectory(dir, name + "-");
    }

    String jspy() {
        return home.resolve("bin/jspy").toString();
    }

    /** bin/jspy ARGS in the clean shell, with env added; waits up to two minutes. */
    CleanShell.Result jspy(Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(jspy()));
        cmd.addAll(List.of(args));
        return shell.run(workDir, env, 120, cmd);
    }

    /** bin/jspy ARGS in the clean shell, not awaited, its output to out and err in workDir. */
    Process start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(jspy()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out").toFile()).redirectError(workDir.resolve("err").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", shell.path());
        pb.environment().putAll(env);
        return pb.start();
    }
}
