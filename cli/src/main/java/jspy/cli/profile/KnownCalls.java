package jspy.cli.profile;

/**
 * The blocking calls of third-party clients and pools that name what a waiting thread waits for,
 * as regular expressions over frames. Data for {@link BucketRules}, kept apart so the rules table
 * stays readable. Sources: each library's blocking entry points and the frames seen in jspy's own
 * recordings of HikariCP 7, gRPC-java 1.85, Lettuce 7, Jedis 7.1 and HttpClient 5.6 (each with a pool
 * of one connection), Jetty 12, OkHttp 4.12 and the JDK HttpClient (test-apps), and of HttpClient 5's
 * async client, Jedis 8, Netty 4.2 and Reactor Netty 1.3 (a survey, 2026-11-30).
 */
final class KnownCalls {
    private KnownCalls() {
    }

    /** Borrowing from a pool: the thread waits for another thread to return a resource. */
    static final String POOLS = "com/zaxxer/hikari/(pool/HikariPool\\.getConnection|util/ConcurrentBag\\.borrow)"
            // commons-pool (DBCP2, Jedis, Lettuce pools) and Tomcat's repackaged copy of it
            + "|org/apache/(commons|tomcat/dbcp)/pool2?/impl/(Generic|GenericKeyed|SoftReference|Stack)ObjectPool"
            + "\\.borrowObject"
            + "|com/mchange/v2/(resourcepool/BasicResourcePool\\.(checkoutResource|prelimCheckoutResource"
            + "|awaitAvailable)|c3p0/impl/C3P0PooledConnectionPool\\.checkoutPooledConnection)"
            + "|org/apache/tomcat/jdbc/pool/(ConnectionPool\\.(borrowConnection|getConnection)"
            + "|(Multi\\w*)?FairBlockingQueue\\.poll)"
            + "|io/agroal/pool/ConnectionPool\\.(getConnection|handlerFromSharedCache)"
            + "|oracle/ucp/.*\\.(borrow\\w*|getConnection\\w*)"
            + "|org/vibur/(objectpool/ConcurrentPool\\.(take|tryTake)|dbcp/pool/PoolOperations\\.getProxyConnection)"
            // Apache HttpClient 4 and 5 connection leases
            + "|org/apache/http/(pool/AbstractConnPool(\\$\\w+)?\\.(get|lease|getPoolEntryBlocking)"
            + "|impl/conn/PoolingHttpClientConnectionManager(\\$\\w+)?\\.(get|leaseConnection))"
            + "|org/apache/hc/client5/http/impl/io/PoolingHttpClientConnectionManager(\\$\\w+)?\\.(get|lease)"
            + "|redis/clients/jedis/(JedisPool|JedisSentinelPool|util/Pool)\\.getResource"
            + "|com/mongodb/internal/connection/DefaultConnectionPool\\.get\\w*"
            // the producer waiting for buffer memory that the sender thread frees
            + "|org/apache/kafka/clients/producer/internals/BufferPool\\.allocate";

    /**
     * Third-party pool threads waiting for work on a lock-like primitive (a Semaphore) that the
     * leaf rules would call lock: Jetty's reserved threads (12: waitForTask; 9.4: reservedWait).
     */
    static final String WAITING_FOR_WORK = "org/eclipse/jetty/util/thread/ReservedThreadExecutor\\$ReservedThread"
            + "\\.(waitForTask|reservedWait)";

    /** A network client's blocking call: waits inside it are the remote call's. */
    static final String SOCKET_CALLS = "io/grpc/stub/(ClientCalls\\.(blocking\\w+Call|blockingV2\\w*|getUnchecked)"
            + "|ClientCalls\\$(BlockingResponseStream|ThreadlessExecutor|ThreadSafeThreadlessExecutor)\\.\\w+"
            + "|BlockingClientCall\\.\\w+)"
            + "|io/lettuce/core/(FutureSyncInvocationHandler\\.handleInvocation|LettuceFutures\\.await\\w*"
            + "|internal/Futures\\.await\\w*|protocol/AsyncCommand\\.await|AbstractRedisClient\\.getConnection"
            + "|RedisClient\\.connect\\w*|\\w+/\\w*FutureSyncInvocationHandler\\.\\w+)"
            + "|org/eclipse/jetty/client/((transport/)?HttpRequest\\.send|HttpClient\\.GET"
            + "|(util/)?FutureResponseListener\\.get)"
            + "|okhttp3/(internal/connection/)?RealCall\\.(execute|getResponseWithInterceptorChain\\w*)"
            + "|okhttp3/internal/http2/Http2Stream\\.\\w+|retrofit2/OkHttpCall\\.execute"
            + "|redis/clients/jedis/(Connection|Protocol|Jedis|BinaryJedis|UnifiedJedis)\\.\\w+"
            + "|org/apache/kafka/clients/producer/(KafkaProducer\\.\\w+|internals/(FutureRecordMetadata\\.get"
            + "|ProduceRequestResult\\.await))"
            + "|org/apache/kafka/clients/consumer/(KafkaConsumer|internals/\\w+Consumer)\\.(commitSync|position"
            + "|committed|listTopics|partitionsFor|offsetsForTimes|beginningOffsets|endOffsets)"
            + "|org/apache/kafka/common/internals/KafkaFutureImpl\\.get"
            + "|org/(elasticsearch|opensearch)/client/RestClient\\.performRequest\\w*"
            + "|com/datastax/oss/driver/internal/core/util/concurrent/BlockingOperation\\.\\w+"
            + "|com/datastax/oss/driver/internal/core/cql/CqlRequestSyncProcessor\\.process"
            + "|org/redisson/command/CommandAsyncService\\.get\\w*"
            + "|org/springframework/web/(client/(RestTemplate|DefaultRestClient\\w*(\\$\\w+)*)"
            + "|reactive/function/client/\\w+(\\$\\w+)*|service/invoker/\\w+(\\$\\w+)*)\\.\\w+"
            + "|reactor/netty/http/client/\\w+(\\$\\w+)*\\.\\w+|feign/SynchronousMethodHandler\\.\\w+"
            + "|software/amazon/awssdk/(core/internal/handler/BaseSyncClientHandler|http/crt/AwsCrtHttpClient"
            + "(\\$\\w+)?|http/apache/ApacheHttpClient(\\$\\w+)?)\\.\\w+";

    /** Waiting for records is a consumer's selector wait, whichever thread runs the selector. */
    static final String POLL_CALLS = "org/apache/kafka/clients/consumer/(KafkaConsumer|internals/\\w+Consumer)"
            + "\\.poll\\w*";

    /**
     * Futures of HTTP clients that also serve the clients' own pools: a lease in HttpClient 5 waits
     * in the same BasicFuture.get as an async request. They count only when no pool is on the stack.
     */
    static final String GENERIC_CLIENT_FUTURES = "org/apache/(http|hc/core5)/concurrent/BasicFuture\\.get"
            + "|software/amazon/awssdk/utils/CompletableFutureUtils\\.joinLikeSync";

    /** Blocked on another thread's result (JDK): await unless a client or pool above names it. */
    static final String JDK_AWAITS = "java/util/concurrent/(FutureTask\\.(get|awaitDone)"
            + "|CompletableFuture\\.(get|join|waitingGet|timedGet)|CompletableFuture\\$Signaller\\.block"
            + "|CountDownLatch\\.await|CyclicBarrier\\.(await|dowait)|Phaser\\.\\w*[aA]wait\\w*|Exchanger\\.exchange"
            + "|ForkJoinTask\\.(join|get|invoke\\w*|quietlyJoin\\w*|quietlyInvoke|awaitDone|externalAwaitDone|doJoin)"
            + "|ForkJoinPool\\.awaitJoin|(ThreadPoolExecutor|ForkJoinPool|ThreadPerTaskExecutor)\\.awaitTermination"
            + "|ExecutorService\\.close)"
            + "|java/lang/(Thread\\.join\\w*|VirtualThread\\.joinNanos)";

    /** The same for common libraries' futures (Guava, Netty, Reactor, Kotlin, Scala). */
    static final String LIBRARY_AWAITS = "com/google/common/util/concurrent/(AbstractFuture(\\$\\w+)?\\.get"
            + "|Uninterruptibles\\.(getUninterruptibly|awaitUninterruptibly|joinUninterruptibly))"
            + "|io/netty/util/concurrent/(DefaultPromise|AbstractFuture)\\.(await\\w*|sync\\w*|get)"
            + "|reactor/core/publisher/(BlockingSingleSubscriber\\.blockingGet|BlockingOptionalMonoSubscriber"
            + "\\.blockingGet|BlockingIterable\\$\\w+\\.\\w+|Mono\\.block\\w*|Flux\\.block\\w*)"
            + "|kotlinx/coroutines/BlockingCoroutine\\.joinBlocking|scala/concurrent/Await\\$\\.(result|ready)";

    /** Netty's native event loops (epoll, kqueue, io_uring; Netty 4.1 and 4.2 class names). */
    static final String NETTY_POLL = "io/netty/(channel/(epoll/Native\\.epollWait\\w*|kqueue/Native\\.keventWait\\w*"
            + "|epoll/(EpollEventLoop|EpollIoHandler)\\.epollWait\\w*|kqueue/(KQueueEventLoop|KQueueIoHandler)"
            + "\\.kqueueWait\\w*)|(incubator/)?channel/uring/(Native\\.ioUringEnter\\w*|SubmissionQueue"
            + "\\.submitAndWait\\w*))";
}
