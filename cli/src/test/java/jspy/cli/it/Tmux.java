package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A detached tmux session of its own, on a private tmux server: jspy top ({@link #start}), or any
 * command in a shell that waits for {@link #go} and whose raw output is logged ({@link #shell}).
 */
final class Tmux implements AutoCloseable {
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final String SESSION = "s";
    private final String socket;
    private final Path exit;
    private final Path err;
    final Path stty;
    /** Every byte the pane received (tmux pipe-pane), for {@link #shell} sessions. */
    final Path log;
    private final Path go;

    private Tmux(String socket, Path dir) {
        this.socket = socket;
        this.exit = dir.resolve(socket + ".exit");
        this.err = dir.resolve(socket + ".err");
        this.stty = dir.resolve(socket + ".stty");
        this.log = dir.resolve(socket + ".log");
        this.go = dir.resolve(socket + ".go");
    }

    private static Tmux create(Path dir, String kind) {
        if (!Files.isExecutable(Path.of("/usr/bin/tmux"))) {
            throw new AssertionError("tmux is missing: apt-get install -y tmux");
        }
        return new Tmux("jspy-" + kind + "-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet(), dir);
    }

    /**
     * A shell running command once {@link #go} is called, then recording its exit code; pipe-pane
     * starts after the session, so the shell waits for it and the first byte is logged too.
     */
    static Tmux shell(Path dir, String command, int columns, int rows) throws Exception {
        Tmux t = create(dir, "shell");
        t.tmux("new-session", "-d", "-s", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "while [ ! -e '" + t.go + "' ]; do sleep 0.05; done; " + command + "; echo EXIT=$? > '" + t.exit
                        + "'; sleep 60");
        t.tmux("pipe-pane", "-t", SESSION, "-o", "cat >> '" + t.log + "'");
        return t;
    }

    void go() throws Exception {
        Files.createFile(go);
    }

    /** Whether the command ended; fails once it has run for a minute. */
    boolean exited(long startedNanos) throws Exception {
        if (!Files.exists(exit) && System.nanoTime() - startedNanos > 60_000_000_000L) {
            throw new AssertionError("the command did not end within 60 s:\n" + screen());
        }
        return Files.exists(exit);
    }

    String exitLine() throws Exception {
        return Files.readString(exit).strip();
    }

    static Tmux start(Path dir, long pid) throws Exception {
        return start(dir, pid, 160, 40);
    }

    static Tmux start(Path dir, long pid, int columns, int rows) throws Exception {
        return top(dir, columns, rows, "-p " + pid);
    }

    /** jspy top with these arguments (e.g. the PID alone: {@code jspy top 1234}). */
    static Tmux top(Path dir, int columns, int rows, String arguments) throws Exception {
        Tmux t = create(dir, "top");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("jspy.jar");
        // stderr to a file so a failure is readable after the pane is gone; after top, record
        // its exit code and the terminal modes it left behind.
        String command = "'" + java + "' -jar '" + jar + "' top " + arguments + " 2> '" + t.err + "'; echo EXIT=$? > '"
                + t.exit + "'; stty -a > '" + t.stty + "'";
        t.tmux("new-session", "-d", "-s", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                command);
        return t;
    }

    void keys(String keys) throws Exception {
        tmux("send-keys", "-t", SESSION, keys);
    }

    void resize(int columns, int rows) throws Exception {
        tmux("resize-window", "-t", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** Sends a key and returns the milliseconds until top's process ended (the shell then writes the exit file). */
    long quitMillis(String key) throws Exception {
        long start = System.nanoTime();
        keys(key);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(exit) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", SESSION);
    }

    String await(String what, Predicate<String> ready) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String screen = "";
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(exit)) {
                throw new AssertionError("top ended while waiting for " + what + ": " + stderr());
            }
            screen = screen();
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " on the screen within 30 s:\n" + screen + "\nstderr: " + stderr());
    }

    /** Waits until the session ended and returns the recorded "EXIT=n". */
    String awaitExit() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(stty) && run("has-session", "-t", SESSION).waitFor() != 0) {
                return Files.readString(exit).strip();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("top did not exit: " + screen());
    }

    String stderr() throws IOException {
        return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }

    private String tmux(String... args) throws Exception {
        Process p = run(args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private Process run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/tmux", "-L", socket));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Override
    public void close() throws Exception {
        Process kill = run("kill-server");
        kill.getInputStream().readAllBytes();
        kill.waitFor(10, TimeUnit.SECONDS);
    }
}
