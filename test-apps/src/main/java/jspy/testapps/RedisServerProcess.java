package jspy.testapps;

import java.io.IOException;
import java.util.List;

/** Debian's redis-server (apt-get install redis-server; .ci/run installs it) on a free loopback port, owned by this JVM. */
final class RedisServerProcess {
    private final int port;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    static RedisServerProcess start() throws IOException, InterruptedException {
        int port = LocalServer.freePort();
        String script = "redis-server --bind 127.0.0.1 --port \"$0\" --save '' --appendonly no"
                + " --loglevel warning & r=$!; cat >/dev/null; kill $r";
        Process process = LocalServer.start(List.of("sh", "-c", script, Integer.toString(port)), "redis-server");
        LocalServer.awaitListening(port, process, 30, () -> "redis-server did not listen on 127.0.0.1:" + port
                + " (is it installed? apt-get install redis-server)");
        return new RedisServerProcess(port);
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }
}
