package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code go tool pprof} (package golang-go, installed by .ci/run), the reference pprof reader. */
final class GoPprof {
    private GoPprof() {
    }

    /** Runs {@code go tool pprof ARGS} and returns stdout; fails with its stderr when it exits non-zero. */
    static String run(Path workDir, String... args) throws Exception {
        Path go = Path.of("/usr/bin/go");
        if (!Files.isExecutable(go)) {
            throw new AssertionError("go not found at /usr/bin/go: install Debian's golang-go "
                    + "(apt-get install -y golang-go; .ci/run does) to check jspy's pprof output");
        }
        List<String> cmd = new ArrayList<>(List.of(go.toString(), "tool", "pprof"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "pprof", ".out");
        Path err = Files.createTempFile(workDir, "pprof", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PPROF_TMPDIR", workDir.toString()); // where it saves fetched profiles
        pb.environment().put("HOME", workDir.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("go tool pprof did not finish in 120 s: " + read(err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("go tool pprof " + String.join(" ", args) + " failed (" + p.exitValue() + "): "
                    + read(err) + read(out));
        }
        return read(out);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
