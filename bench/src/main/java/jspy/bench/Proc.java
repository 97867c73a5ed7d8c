package jspy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with its output in files, so that nothing the harness measures blocks on a pipe. */
final class Proc {
    final Process process;
    final Path out;
    final Path err;
    final long startedNanos;

    private Proc(Process process, Path out, Path err, long startedNanos) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.startedNanos = startedNanos;
    }

    static Proc start(List<String> cmd, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long t0 = System.nanoTime();
        return new Proc(pb.start(), out, err, t0);
    }

    /** Runs to completion; returns the wall time in ms, or throws with the command's stderr. */
    static Result run(List<String> cmd, Path dir, String name, int timeoutSec) throws Exception {
        Proc p = start(cmd, dir, name);
        int code = p.waitFor(timeoutSec);
        return new Result(code, (System.nanoTime() - p.startedNanos) / 1e6, p.stdout(), p.stderr());
    }

    record Result(int exit, double millis, String stdout, String stderr) {
        Result check(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " exited " + exit + ": " + firstLine(stderr + stdout));
            }
            return this;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Exit code, or -1 after killing it on timeout. */
    int waitFor(int timeoutSec) throws InterruptedException {
        if (!process.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            kill();
            return -1;
        }
        return process.exitValue();
    }

    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String stdout() throws IOException {
        return Files.exists(out) ? Files.readString(out) : "";
    }

    String stderr() throws IOException {
        return Files.exists(err) ? Files.readString(err) : "";
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** CPU time of the process and its descendants (for top: script, the launcher and jspy). */
    java.time.Duration treeCpu() {
        java.time.Duration d = process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        for (ProcessHandle h : process.descendants().toList()) {
            d = d.plus(h.info().totalCpuDuration().orElse(java.time.Duration.ZERO));
        }
        return d;
    }

    /** Polls until the file exists or the process has ended; false on timeout or early exit. */
    static boolean awaitFile(Path file, Process alive, double timeoutSec) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutSec * 1e9);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return true;
            }
            if (alive != null && !alive.isAlive()) {
                return Files.exists(file);
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Polls until the file contains the text; false on timeout or when the process ended first. */
    static boolean awaitText(Path file, String text, Process alive, double timeoutSec) throws Exception {
        long deadline = System.nanoTime() + (long) (timeoutSec * 1e9);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            if (!alive.isAlive()) {
                return Files.exists(file) && Files.readString(file).contains(text);
            }
            Thread.sleep(5);
        }
        return false;
    }
}
