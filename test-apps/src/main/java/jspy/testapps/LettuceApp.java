package jspy.testapps;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Two threads on Lettuce's synchronous API, each blocked in BLPOP on an empty list of a real
 * redis-server: the "socket" bucket. Like the JDK HttpClient, the caller waits on a future while
 * Lettuce's Netty event loop reads the socket (issue 10 saw it as idle).
 */
public final class LettuceApp {

    private static final long BLPOP_SECONDS = 2;

    private LettuceApp() {
    }

    public static void main(String[] args) throws Exception {
        RedisServerProcess redis = RedisServerProcess.start();
        RedisClient client = RedisClient.create(redis.uri());
        Ready.startAll("redis-client-", 2, "FutureSyncInvocationHandler.handleInvocation", () -> popForever(client));
        Ready.signalAndSleepForever();
    }

    /** One connection per thread: BLPOP holds its connection until the timeout. */
    private static void popForever(RedisClient client) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            while (true) {
                commands.blpop(BLPOP_SECONDS, "jspy-empty");
            }
        }
    }
}
