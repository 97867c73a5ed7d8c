package jspy.testapps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An exhausted HikariCP pool (2 connections, 6 threads) in front of a remote H2 server. Two
 * threads hold the connections and run slow queries ("jdbc"); four wait for a connection
 * ("pool"). The split is fixed, not left to the pool's hand-offs, so that each group is one
 * bucket: with six threads sharing, two thirds of the samples would wait and a third query.
 */
public final class HikariApp {

    private static final int QUERY_MILLIS = 2000;
    private static final int HOLDERS = 2;
    private static final int WAITERS = 4;

    private HikariApp() {
    }

    public static void main(String[] args) throws Exception {
        H2ServerProcess server = H2ServerProcess.start();
        server.createSleepAlias();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(HOLDERS);
        config.setMinimumIdle(HOLDERS);
        config.setConnectionTimeout(30_000);
        config.setPoolName("jspy-pool");
        HikariDataSource pool = new HikariDataSource(config);
        Thread[] holders = new Thread[HOLDERS];
        for (int i = 0; i < HOLDERS; i++) {
            holders[i] = Ready.start("hikari-holder-" + (i + 1), () -> holdAndQuery(pool));
            Ready.awaitFrame(holders[i], "Transfer.readInt");
        }
        Thread[] waiters = new Thread[WAITERS];
        for (int i = 0; i < WAITERS; i++) {
            waiters[i] = Ready.start("hikari-waiter-" + (i + 1), () -> waitForConnection(pool));
        }
        for (Thread waiter : waiters) {
            Ready.awaitFrame(waiter, "ConcurrentBag.borrow");
        }
        Ready.signalAndSleepForever();
    }

    /** Keeps one of the two connections for good, querying on it. */
    private static void holdAndQuery(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            while (true) {
                statement.execute("CALL JSPY_SLEEP(" + QUERY_MILLIS + ")");
            }
        }
    }

    /** Never gets a connection: each attempt times out after 30 s and the thread asks again. */
    private static void waitForConnection(HikariDataSource pool) {
        while (true) {
            try (Connection connection = pool.getConnection()) {
                throw new IllegalStateException("the pool should be exhausted, got " + connection);
            } catch (SQLException timedOut) {
                // SQLTransientConnectionException: ask again, as a service under load would
            }
        }
    }
}
