package jspy.testapps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * HikariCP and the PostgreSQL JDBC driver (pgjdbc) against a real PostgreSQL server on loopback,
 * like {@link HikariApp} in front of H2: two threads hold the pool's two connections and run
 * {@code SELECT pg_sleep(2)} ("jdbc": pgjdbc reads the reply in its own stream classes, above the
 * JDK socket), four wait to borrow ("pool").
 */
public final class PostgresApp {

    private static final int HOLDERS = 2;
    private static final int WAITERS = 4;

    private PostgresApp() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServerProcess server = PostgresServerProcess.start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername("jspy");
        config.setMaximumPoolSize(HOLDERS);
        config.setMinimumIdle(HOLDERS);
        config.setConnectionTimeout(30_000);
        config.setPoolName("jspy-pg-pool");
        HikariDataSource pool = new HikariDataSource(config);
        Thread[] holders = new Thread[HOLDERS];
        for (int i = 0; i < HOLDERS; i++) {
            holders[i] = Ready.start("pg-holder-" + (i + 1), () -> holdAndQuery(pool));
            Ready.awaitFrame(holders[i], "QueryExecutorImpl.processResults");
        }
        for (int i = 0; i < WAITERS; i++) {
            Ready.awaitFrame(Ready.start("pg-waiter-" + (i + 1), () -> waitForConnection(pool)),
                    "ConcurrentBag.borrow");
        }
        Ready.signalAndSleepForever();
    }

    private static void holdAndQuery(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            while (true) {
                statement.execute("SELECT pg_sleep(2)");
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
