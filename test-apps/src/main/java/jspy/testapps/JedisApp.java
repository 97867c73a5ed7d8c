package jspy.testapps;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Jedis on a real redis-server with a pool of one connection (commons-pool2 underneath, as in
 * DBCP2): one thread holds it in a BLPOP that never returns ("socket"), three wait to borrow it
 * ("pool").
 */
public final class JedisApp {
    private static final int WAITERS = 3;

    private JedisApp() {
    }

    public static void main(String[] args) throws Exception {
        RedisServerProcess redis = RedisServerProcess.start();
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(1);
        config.setMaxWait(Duration.ofMinutes(10));
        JedisPool pool = new JedisPool(config, URI.create(redis.uri()));
        Thread holder = Ready.start("jedis-holder-1", () -> popForever(pool));
        Ready.awaitFrame(holder, "Jedis.blpop");
        Ready.startAll("jedis-waiter-", WAITERS, "GenericObjectPool.borrowObject", () -> borrowForever(pool));
        Ready.signalAndSleepForever();
    }

    /** BLPOP with timeout 0 on an empty list: blocks, and keeps the pool's only connection. */
    private static void popForever(JedisPool pool) {
        try (Jedis jedis = pool.getResource()) {
            while (true) {
                jedis.blpop(0, "jspy-empty");
            }
        }
    }

    /** Never gets the connection: each wait ends after 10 minutes and the thread asks again. */
    private static void borrowForever(JedisPool pool) {
        while (true) {
            try (Jedis jedis = pool.getResource()) {
                throw new IllegalStateException("the pool should be exhausted, got " + jedis);
            } catch (JedisException timedOut) {
                // ask again, as a service under load would
            }
        }
    }
}
