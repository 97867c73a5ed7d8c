package jspy.testapps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait scenarios of issue 10 sit where they promise (checked with jcmd), print nothing, and
 * leave no server behind.
 */
class WaitAppsTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void httpClientsWaitInSend() throws Exception {
        try (Target app = Target.launch(dir, HttpClientApp.class)) {
            app.awaitReady();
            app.awaitThread("http-client-1", "HttpClientImpl.send", "CompletableFuture.get");
            stopSilently(app);
        }
    }

    @Test
    void grpcClientsWaitInBlockingStubs() throws Exception {
        try (Target app = Target.launch(dir, GrpcApp.class)) {
            app.awaitReady();
            app.awaitThread("grpc-client-unary", "ClientCalls.blockingUnaryCall", "ThreadlessExecutor.waitAndDrain");
            app.awaitThread("grpc-client-stream", "ClientCalls$BlockingResponseStream.hasNext");
            stopSilently(app);
        }
    }

    @Test
    void redisClientsWaitInLettuceAndRedisDiesWithTheApp() throws Exception {
        try (Target app = Target.launch(dir, LettuceApp.class)) {
            app.awaitReady();
            app.awaitThread("redis-client-1", "FutureSyncInvocationHandler.handleInvocation", "AsyncCommand.await");
            List<ProcessHandle> children = app.descendants();
            // Debian's redis-server is a link to redis-check-rdb, and redis rewrites its title
            assertTrue(children.stream().anyMatch(p -> (p.info().command().orElse("") + " "
                            + p.info().commandLine().orElse("")).contains("redis")),
                    "redis-server runs under the app: " + children);
            // SIGKILL: no shutdown hook runs, so only the stdin watch of the sh wrapper saves us.
            app.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
            assertEquals("", app.output());
        }
    }

    @Test
    void hikariWaitersWaitForTheTwoConnections() throws Exception {
        try (Target app = Target.launch(dir, HikariApp.class)) {
            app.awaitReady();
            app.awaitThreads("hikari-waiter-", 4, "ConcurrentBag.borrow");
            app.awaitThread("hikari-holder-1", "org.h2.jdbc.Jdbc", "Transfer.readInt");
            stopSilently(app);
        }
    }

    @Test
    void httpClient5WaitersWaitToLeaseTheOneConnection() throws Exception {
        try (Target app = Target.launch(dir, HttpClient5App.class)) {
            app.awaitReady();
            app.awaitThreads("hc5-waiter-", 3, "InternalExecRuntime.acquireEndpoint",
                    "PoolingHttpClientConnectionManager$");
            app.awaitThread("hc5-holder-1", "ChunkedInputStream.read", "NioSocketImpl.read");
            stopSilently(app);
        }
    }

    @Test
    void jedisWaitersWaitToBorrowTheOneConnection() throws Exception {
        try (Target app = Target.launch(dir, JedisApp.class)) {
            app.awaitReady();
            app.awaitThreads("jedis-waiter-", 3, "JedisPool.getResource", "GenericObjectPool.borrowObject");
            app.awaitThread("jedis-holder-1", "Jedis.blpop", "NioSocketImpl.read");
            stopSilently(app);
        }
    }

    @Test
    void okHttpClientsWaitInExecute() throws Exception {
        try (Target app = Target.launch(dir, OkHttpApp.class)) {
            app.awaitReady();
            app.awaitThread("okhttp-client-1", "RealCall.execute", "NioSocketImpl.read");
            stopSilently(app);
        }
    }

    @Test
    void joinersWaitForTheCpuThread() throws Exception {
        try (Target app = Target.launch(dir, AwaitApp.class)) {
            app.awaitReady();
            app.awaitThread("await-joiner-1", "CompletableFuture.join");
            app.awaitThread("await-cpu", "AwaitApp.burn");
            stopSilently(app);
        }
    }

    private static void stopSilently(Target app) throws Exception {
        app.stop();
        assertEquals("", app.output());
    }
}
