package jspy.testapps;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty 12 server whose handler takes 2 s, and three threads calling it with Jetty's own
 * blocking client ({@code HttpClient.GET}: "socket", the wait for the reply). The server's pool
 * ("jetty-srv-N") holds a selector (poll), an acceptor blocked in accept (idle: it waits for
 * work; socket until issue 23), handlers asleep and reserved threads waiting for work on a
 * Semaphore (idle: Jetty's ReservedThreadExecutor, seen as lock by jspy until 2026-11-30).
 */
public final class JettyApp {
    private static final int CALLERS = 3;

    private JettyApp() {
    }

    public static void main(String[] args) throws Exception {
        QueuedThreadPool serverPool = new QueuedThreadPool();
        serverPool.setName("jetty-srv");
        Server server = new Server(serverPool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Thread.sleep(2000);
                response.setStatus(200);
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + connector.getLocalPort() + "/";
        HttpClient client = new HttpClient();
        QueuedThreadPool clientPool = new QueuedThreadPool();
        clientPool.setName("jetty-client");
        client.setExecutor(clientPool);
        client.start();
        for (int i = 1; i <= CALLERS; i++) {
            Ready.awaitFrame(Ready.start("jetty-get-" + i, () -> {
                while (true) {
                    client.GET(url);
                }
            }), "HttpRequest.send");
        }
        Ready.signalAndSleepForever();
    }
}
