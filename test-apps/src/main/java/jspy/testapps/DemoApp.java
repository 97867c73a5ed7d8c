package jspy.testapps;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small "service" mixing the situations, for demos: an HTTP endpoint whose handler queries a
 * remote H2 database (jdbc wait) and then hashes for a while (cpu), called in a loop by a load
 * generator (socket wait), with idle pool threads around. Loopback only, about 6 requests a
 * second, well under one core. Run it with {@code java -jar test-apps/target/demo.jar}; like
 * every target it prints nothing.
 */
public final class DemoApp {

    private static final int WORKERS = 4;

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        H2ServerProcess database = H2ServerProcess.start();
        database.createSleepAlias();
        try (var connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS ORDERS("
                    + "ID INT PRIMARY KEY, CUSTOMER INT NOT NULL, AMOUNT DECIMAL(10, 2) NOT NULL)");
            statement.execute("MERGE INTO ORDERS SELECT X, MOD(X, 100), X * 1.25 FROM SYSTEM_RANGE(1, 20000)");
        }

        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/orders", new OrdersHandler(database));
        server.setExecutor(namedPool("http-worker-", WORKERS));
        server.start();

        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
        CountDownLatch firstResponse = new CountDownLatch(1);
        Ready.start("demo-client", () -> DemoClient.run(endpoint, firstResponse));
        firstResponse.await();
        Ready.signalAndSleepForever();
    }

    /** Names the workers so a profile shows them as http-worker-1..N. */
    private static ExecutorService namedPool(String prefix, int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads,
                task -> new Thread(task, prefix + counter.incrementAndGet()));
    }
}
