package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Commands run as on a host without Java: the environment holds only PATH (as with
 * {@code env -i}), and that PATH is a directory of links to the system's tools minus every one
 * that leads into a JDK. This machine's /usr/bin/java cannot simply be left off PATH: /bin is
 * /usr/bin here.
 */
final class CleanShell {
    private final Path bin;

    private CleanShell(Path bin) {
        this.bin = bin;
    }

    /** Links /usr/bin's tools, except java, jps, jcmd and the like, into dir/no-java-bin. */
    static CleanShell in(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("no-java-bin"));
        try (Stream<Path> tools = Files.list(Path.of("/usr/bin"))) {
            for (Path tool : (Iterable<Path>) tools::iterator) {
                if (!leadsIntoAJdk(tool)) {
                    Files.createSymbolicLink(bin.resolve(tool.getFileName()), tool);
                }
            }
        }
        return new CleanShell(bin);
    }

    private static boolean leadsIntoAJdk(Path tool) {
        try {
            Path real = tool.toRealPath();
            return real.startsWith("/usr/lib/jvm") || real.getFileName().toString().equals("java");
        } catch (IOException e) {
            return true; // a dangling link: leave it out
        }
    }

    String path() {
        return bin.toString();
    }

    record Result(int code, String out, String err) {
    }

    /** Runs command in workDir with PATH and extraEnv only; fails the test if it outlives the timeout. */
    Result run(Path workDir, Map<String, String> extraEnv, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().put("PATH", path());
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
