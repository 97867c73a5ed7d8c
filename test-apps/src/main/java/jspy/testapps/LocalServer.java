package jspy.testapps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A server from Debian's packages (redis-server, PostgreSQL) run by a scenario on a free loopback
 * port under {@code sh -c '... & r=$!; cat >/dev/null; kill $r'}: closing the script's stdin
 * stops the server, so it never outlives the scenario, even one killed with SIGKILL.
 */
final class LocalServer {
    private LocalServer() {
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Starts the script, output discarded, and stops it when this JVM exits. */
    static Process start(List<String> command, String name) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // Also keeps the Process reachable: a collected one would close the pipe and stop the server.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Ready.markExiting();
            stopByClosingStdin(process);
        }, name + "-stop"));
        return process;
    }

    /**
     * Closing its stdin ends the script's cat, and the script stops the server and cleans up. Not
     * destroy(): a SIGTERM kills sh (and runuser kills its child) first, orphaning the server
     * (seen with PostgreSQL).
     */
    private static void stopByClosingStdin(Process process) {
        try {
            process.getOutputStream().close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // exiting anyway: when this JVM is gone the pipe closes all the same
        }
    }

    /** Waits until the port accepts a connection; fails with why() once the script died or time ran out. */
    static void awaitListening(int port, Process process, int seconds, Supplier<String> why)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException(why.get(), e);
                }
                Thread.sleep(50);
            }
        }
    }
}
