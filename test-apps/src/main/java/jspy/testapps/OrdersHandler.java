package jspy.testapps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * DemoApp's endpoint: one customer's order totals from the database (about 30 ms waiting on the
 * server), then a "signature" computed by hashing for about 30 ms (CPU).
 */
final class OrdersHandler implements HttpHandler {

    private static final int DB_MILLIS = 30;
    private static final long CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    private final H2ServerProcess database;
    /** One connection per pool thread: the pool is fixed, so they live as long as the app. */
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    OrdersHandler(H2ServerProcess database) {
        this.database = database;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int customer = ThreadLocalRandom.current().nextInt(100);
            String body;
            int status;
            try {
                BigDecimal total = totalFor(customer);
                body = "{\"customer\":" + customer + ",\"total\":" + total
                        + ",\"signature\":\"" + sign(customer, total) + "\"}\n";
                status = 200;
            } catch (SQLException | NoSuchAlgorithmException e) {
                // Reported to the client, not printed: the target must stay silent.
                body = "{\"error\":\"" + e.getClass().getSimpleName() + "\"}\n";
                status = 500;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private BigDecimal totalFor(int customer) throws SQLException {
        Connection connection = connection();
        // The sleep stands in for a slow query without costing the server CPU.
        try (PreparedStatement slow = connection.prepareStatement("CALL JSPY_SLEEP(?)")) {
            slow.setInt(1, DB_MILLIS);
            slow.execute();
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT SUM(AMOUNT) FROM ORDERS WHERE CUSTOMER = ?")) {
            query.setInt(1, customer);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = connections.get();
        if (connection == null) {
            connection = database.connect();
            connections.set(connection);
        }
        return connection;
    }

    /** Repeated SHA-256 until the CPU budget is spent: real work the JIT cannot drop. */
    private static String sign(int customer, BigDecimal total) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] digest = (customer + ":" + total).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + CPU_NANOS;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                digest = sha.digest(digest);
            }
        }
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
