package jspy.testapps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A program that starts a child JVM, for launch mode: {@code ForkApp SECONDS EXIT_CODE} echoes one
 * line of stdin to stdout, runs a child JVM that burns CPU in thread {@code fork-child-worker}
 * while this JVM burns CPU in {@code fork-parent-worker}, then exits with EXIT_CODE. Launch-mode
 * tests check that both JVMs are profiled and that stdin, stdout and the exit code pass through.
 */
public final class ForkApp {
    static volatile long sink;

    private ForkApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            spinIn("fork-child-worker", Long.parseLong(args[1]));
            return;
        }
        long seconds = Long.parseLong(args[0]);
        int exitCode = Integer.parseInt(args[1]);
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println("echo: " + line);
        System.out.flush();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ForkApp.class.getName(), "child", Long.toString(seconds))
                .inheritIO().start();
        spinIn("fork-parent-worker", seconds);
        child.waitFor();
        System.exit(exitCode);
    }

    private static void spinIn(String threadName, long seconds) throws InterruptedException {
        Thread worker = new Thread(() -> {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long x = 1;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 100_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                sink = x;
            }
        }, threadName);
        worker.start();
        worker.join();
    }
}
