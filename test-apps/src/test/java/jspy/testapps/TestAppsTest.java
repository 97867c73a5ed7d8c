package jspy.testapps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launches each test app as a child JVM, waits for its ready file, and checks with jcmd that its
 * named threads are in the situation the app promises, and that it printed nothing.
 */
class TestAppsTest {

    @TempDir
    Path dir;

    @Test
    void cpuWorkerRuns() throws Exception {
        try (Target app = Target.launch(dir, CpuApp.class)) {
            app.awaitReady();
            app.awaitThread("cpu-worker", "State: RUNNABLE", "CpuApp.spin");
            assertSilentAfterStop(app);
        }
    }

    @Test
    void socketReaderBlocksInRead() throws Exception {
        try (Target app = Target.launch(dir, SocketApp.class)) {
            app.awaitReady();
            app.awaitThread("socket-reader", "State: RUNNABLE", "SocketDispatcher.read0", "NioSocketImpl");
            app.awaitThread("socket-acceptor", "State: RUNNABLE", "Net.accept");
            assertSilentAfterStop(app);
        }
    }

    @Test
    void selectorWaitsInEpoll() throws Exception {
        try (Target app = Target.launch(dir, PollApp.class)) {
            app.awaitReady();
            app.awaitThread("poll-selector", "State: RUNNABLE", "EPoll.wait");
            assertSilentAfterStop(app);
        }
    }

    @Test
    void lockWaitersAreBlocked() throws Exception {
        try (Target app = Target.launch(dir, LockApp.class)) {
            app.awaitReady();
            for (String waiter : List.of("lock-monitor-waiter-1", "lock-monitor-waiter-2")) {
                app.awaitThread(waiter, "State: BLOCKED (on object monitor)", "LockApp.enterMonitor");
            }
            for (String waiter : List.of("lock-reentrant-waiter-1", "lock-reentrant-waiter-2")) {
                app.awaitThread(waiter, "State: WAITING (parking)", "ReentrantLock", "LockApp.takeLock");
            }
            app.awaitThread("lock-monitor-holder", "LockApp.holdMonitor");
            app.awaitThread("lock-reentrant-holder", "LockApp.holdLock");
            assertSilentAfterStop(app);
        }
    }

    @Test
    void ioWorkerDoesFileIo() throws Exception {
        try (Target app = Target.launch(dir, FileIoApp.class)) {
            app.awaitReady();
            app.awaitThread("io-worker", "State: RUNNABLE", "FileIoApp.");
            assertSilentAfterStop(app);
        }
    }

    @Test
    void jdbcClientsWaitOnServerAndServerDiesWithApp() throws Exception {
        try (Target app = Target.launch(dir, JdbcApp.class)) {
            app.awaitReady();
            for (String client : List.of("jdbc-client-1", "jdbc-client-2")) {
                // The driver waits in a socket read: read0 on JDK 17, Net.poll under NioSocketImpl
                // on JDK 25 (H2's timed connect leaves the socket non-blocking there).
                app.awaitThread(client, "State: RUNNABLE", "org.h2.jdbc.Jdbc", "Transfer.readInt",
                        "NioSocketImpl");
            }
            List<ProcessHandle> servers = app.descendants();
            assertEquals(1, servers.size(), "one H2 server process");
            // SIGKILL: no shutdown hook runs, so only the server's own watch on stdin saves us.
            app.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            servers.get(0).onExit().get(10, TimeUnit.SECONDS);
            assertFalse(servers.get(0).isAlive());
            assertEquals("", app.output());
        }
    }

    @Test
    void demoServesRequests() throws Exception {
        try (Target app = Target.launch(dir, DemoApp.class)) {
            app.awaitReady();
            app.awaitThread("demo-client");
            app.awaitThread("http-worker-1", "ThreadPoolExecutor");
            List<ProcessHandle> servers = app.descendants();
            assertEquals(1, servers.size(), "one H2 server process");
            assertSilentAfterStop(app);
            // SIGTERM: the shutdown hook stops the server.
            servers.get(0).onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** Stops with SIGTERM first: shutdown must be as silent as the steady state. */
    private static void assertSilentAfterStop(Target app) throws Exception {
        app.stop();
        assertEquals("", app.output());
    }
}
