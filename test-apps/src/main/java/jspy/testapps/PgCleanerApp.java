package jspy.testapps;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.Properties;

/**
 * pgjdbc 42.6.0 to 42.7.x, the driver most services run, starts a {@code PostgreSQL-JDBC-Cleaner}
 * thread with the first connection; it waits on a ReferenceQueue while any connection is open
 * (newer drivers use the JDK's Cleaner on Java 11+, pgjdbc PR 3886). Two threads
 * ({@code pg-query-N}) run {@code SELECT pg_sleep(2)} on a real PostgreSQL server: jdbc. The
 * cleaner is the driver's own: idle. The old driver (a resource of this module, copied there by
 * the build) is loaded by its own class loader beside the newer pgjdbc on the class path.
 */
public final class PgCleanerApp {
    static final String DRIVER_JAR = "drivers/postgresql-42.7.5.jar";
    private static final int QUERIES = 2;

    private PgCleanerApp() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServerProcess server = PostgresServerProcess.start();
        Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, oldDriverLoader())
                .getConstructor().newInstance();
        Properties user = new Properties();
        user.setProperty("user", "jspy");
        Ready.startAll("pg-query-", QUERIES, "QueryExecutorImpl.processResults", () -> {
            try (Connection c = driver.connect(server.url(), user); Statement s = c.createStatement()) {
                while (true) {
                    s.execute("SELECT pg_sleep(2)");
                }
            }
        });
        Ready.awaitFrame(Ready.named("PostgreSQL-JDBC-Cleaner"), "ReferenceQueue.remove");
        Ready.signalAndSleepForever();
    }

    /** Parent: the platform loader, which has java.sql but not the class path's newer pgjdbc. */
    private static ClassLoader oldDriverLoader() throws Exception {
        Path jar = Files.createTempFile("jspy-pgjdbc-", ".jar");
        jar.toFile().deleteOnExit();
        try (InputStream in = PgCleanerApp.class.getResourceAsStream(DRIVER_JAR)) {
            if (in == null) {
                throw new IllegalStateException(DRIVER_JAR + " is not a resource: build test-apps with Maven");
            }
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
