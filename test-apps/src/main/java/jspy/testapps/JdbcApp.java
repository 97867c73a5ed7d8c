package jspy.testapps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Two JDBC clients waiting on slow queries of a remote H2 server (in a child JVM): the "jdbc"
 * bucket. The queries sleep on the server, so the clients spend almost all their wall time
 * inside the driver's blocking socket read. Each client alternates Statement.execute and
 * PreparedStatement.executeQuery, the two usual JDBC paths.
 */
public final class JdbcApp {

    private static final int QUERY_MILLIS = 2000;

    private JdbcApp() {
    }

    public static void main(String[] args) throws Exception {
        H2ServerProcess server = H2ServerProcess.start();
        server.createSleepAlias();
        Thread first = Ready.start("jdbc-client-1", () -> queryForever(server));
        Thread second = Ready.start("jdbc-client-2", () -> queryForever(server));
        // org.h2.value.Transfer.readInt: the driver waiting for the server's answer.
        Ready.awaitFrame(first, "Transfer.readInt");
        Ready.awaitFrame(second, "Transfer.readInt");
        Ready.signalAndSleepForever();
    }

    private static void queryForever(H2ServerProcess server) throws Exception {
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement();
             PreparedStatement prepared = connection.prepareStatement("SELECT JSPY_SLEEP(?)")) {
            prepared.setInt(1, QUERY_MILLIS);
            while (true) {
                statement.execute("CALL JSPY_SLEEP(" + QUERY_MILLIS + ")");
                try (ResultSet rows = prepared.executeQuery()) {
                    rows.next();
                }
            }
        }
    }
}
