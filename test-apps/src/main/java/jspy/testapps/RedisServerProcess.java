package jspy.testapps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server (apt-get install redis-server; .ci/run installs it) on a free loopback
 * port, owned by this JVM. It runs under {@code sh}, which kills it when our stdin pipe closes:
 * redis cannot watch its parent, and a scenario killed with SIGKILL must not leave a server behind.
 */
final class RedisServerProcess {
    private final int port;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    static RedisServerProcess start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String script = "redis-server --bind 127.0.0.1 --port \"$0\" --save '' --appendonly no"
                + " --loglevel warning & r=$!; cat >/dev/null; kill $r";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script, Integer.toString(port))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        // Also keeps the Process reachable: a collected one would close the pipe and stop redis.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Ready.markExiting();
            Ready.stopByClosingStdin(process);
        }, "redis-server-stop"));
        awaitListening(port, process);
        return new RedisServerProcess(port);
    }

    private static void awaitListening(int port, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("redis-server did not listen on 127.0.0.1:" + port
                            + " (is it installed? apt-get install redis-server)", e);
                }
                Thread.sleep(50);
            }
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }
}
