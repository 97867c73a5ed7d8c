package jspy.testapps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL (apt-get install postgresql; .ci/run installs it) in a fresh data directory
 * on a free loopback port, owned by this JVM. PostgreSQL refuses to run as root, so as root it
 * runs as the package's {@code postgres} user (runuser). Its script ({@link LocalServer}) stops
 * it (fast shutdown) and deletes the data directory when our stdin pipe closes, so a scenario
 * killed with SIGKILL leaves nothing behind.
 */
final class PostgresServerProcess {
    /** fsync off and no Unix socket: a throwaway server that touches nothing outside its directory. */
    private static final String SCRIPT = "d=$(mktemp -d) || exit 1; b=$1; p=$2;"
            + " \"$b/initdb\" -D \"$d/data\" -U jspy --auth=trust -E UTF8 --no-sync >/dev/null 2>&1 || exit 2;"
            + " \"$b/postgres\" -D \"$d/data\" -p \"$p\" -c listen_addresses=127.0.0.1"
            + " -c unix_socket_directories= -c fsync=off -c max_connections=20 >/dev/null 2>&1 & r=$!;"
            + " cat >/dev/null; kill -INT $r; wait $r; rm -rf \"$d\"";

    private final int port;

    private PostgresServerProcess(int port) {
        this.port = port;
    }

    static PostgresServerProcess start() throws IOException, InterruptedException {
        int port = LocalServer.freePort();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of("sh", "-c", SCRIPT, "sh", binDir().toString(), Integer.toString(port)));
        Process process = LocalServer.start(command, "postgres");
        LocalServer.awaitListening(port, process, 60, () -> "PostgreSQL did not listen on 127.0.0.1:" + port
                + (process.isAlive() ? "" : " (its script exited " + process.exitValue() + ": 1 mktemp, 2 initdb)"));
        return new PostgresServerProcess(port);
    }

    /** Debian keeps initdb and postgres in /usr/lib/postgresql/VERSION/bin, off the PATH: the newest. */
    private static Path binDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max((a, b) -> Integer.compare(major(a), major(b))).orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        throw new IOException("PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/postgres"
                + " (apt-get install postgresql)");
    }

    private static int major(Path bin) {
        String version = bin.getParent().getFileName().toString();
        return version.matches("\\d+") ? Integer.parseInt(version) : 0;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }
}
