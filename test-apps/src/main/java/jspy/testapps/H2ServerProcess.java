package jspy.testapps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * An H2 TCP server in a child JVM, so the app's JDBC threads wait on a real remote database
 * (a socket read inside the driver) instead of running the query in-process. The child uses the
 * same java and class path as this JVM (inside demo.jar the class path is the jar itself).
 * Clean-up is twofold: a shutdown hook destroys the child when this JVM exits normally or on
 * SIGTERM, and the child exits by itself on stdin EOF when this JVM is killed outright.
 */
final class H2ServerProcess {

    /** Server-side sleep, for queries that are slow without burning the machine's cores. */
    static final String CREATE_SLEEP_ALIAS =
            "CREATE ALIAS IF NOT EXISTS JSPY_SLEEP FOR 'jspy.testapps.H2ServerMain.sleep'";

    private final Process process;
    private final int port;

    private H2ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static H2ServerProcess start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
                // A small, quiet server: it runs sleeps and tiny queries, not heavy SQL.
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                H2ServerMain.class.getName());
        // stdin and stdout stay pipes (parent-death signal, port handshake); stderr must never
        // reach our own stderr, which the tests require to stay empty.
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        // The hook also keeps the Process reachable: were it collected, its stdin pipe would be
        // closed and the server would exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "h2-server-stop"));

        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("H2 server process exited early, code " + waitExit(process));
        }
        return new H2ServerProcess(process, Integer.parseInt(line.trim()));
    }

    String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:jspy;DB_CLOSE_DELAY=-1";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "sa", "");
    }

    /** Connects once (the server listens before it prints its port) and defines JSPY_SLEEP. */
    void createSleepAlias() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(CREATE_SLEEP_ALIAS);
        }
    }

    long pid() {
        return process.pid();
    }

    private static void stop(Process process) {
        Ready.markExiting();
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static int waitExit(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            return -1;
        }
    }
}
