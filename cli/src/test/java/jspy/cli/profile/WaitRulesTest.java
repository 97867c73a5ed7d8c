package jspy.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pools, clients and awaits that the test-apps do not run (issue 10), as their libraries' stacks
 * look: each is the library's blocking entry point over the JDK wait it ends in.
 */
class WaitRulesTest {
    private static final String PARK = "java/util/concurrent/locks/LockSupport.park;jdk/internal/misc/Unsafe.park;"
            + "Unsafe_Park;Parker::park;___pthread_cond_wait;__futex_abstimed_wait_common";
    private static final String CONDITION = "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject"
            + ".await;" + PARK;
    private static final String OBJECT_WAIT = "java/lang/Object.wait;JVM_MonitorWait;ObjectSynchronizer::wait;"
            + "ObjectMonitor::wait;os::PlatformEvent::park;___pthread_cond_wait";
    private static final String LATCH = "java/util/concurrent/CountDownLatch.await;"
            + "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquireSharedInterruptibly;" + PARK;
    private static final String CF_GET = "java/util/concurrent/CompletableFuture.get;"
            + "java/util/concurrent/CompletableFuture.waitingGet;java/util/concurrent/CompletableFuture$Signaller.block;"
            + PARK;
    private static final String SOCKET_READ = "java/net/Socket$SocketInputStream.read;sun/nio/ch/NioSocketImpl.read;"
            + "sun/nio/ch/SocketDispatcher.read0;__GI_read";
    private static final String POOL2_BORROW = "org/apache/commons/pool2/impl/GenericObjectPool.borrowObject;"
            + "org/apache/commons/pool2/impl/LinkedBlockingDeque.pollFirst;" + CONDITION;

    @Test
    void jdbcPoolsWaitingToLendAConnectionArePool() {
        Set<String> dataSources = Set.of("org/apache/commons/dbcp2/BasicDataSource", "com/zaxxer/hikari/HikariDataSource");
        assertEquals(Bucket.POOL, classify(dataSources, "org/apache/commons/dbcp2/BasicDataSource.getConnection;"
                + "org/apache/commons/dbcp2/PoolingDataSource.getConnection;" + POOL2_BORROW));
        assertEquals(Bucket.POOL, classify(dataSources, "com/zaxxer/hikari/HikariDataSource.getConnection;"
                + "com/zaxxer/hikari/pool/HikariPool.getConnection;com/zaxxer/hikari/util/ConcurrentBag.borrow;"
                + "java/util/concurrent/SynchronousQueue.poll;" + PARK));
        assertEquals(Bucket.POOL, classify("com/mchange/v2/c3p0/impl/C3P0PooledConnectionPool.checkoutPooledConnection;"
                + "com/mchange/v2/resourcepool/BasicResourcePool.checkoutResource;"
                + "com/mchange/v2/resourcepool/BasicResourcePool.awaitAvailable;" + OBJECT_WAIT));
        assertEquals(Bucket.POOL, classify("org/apache/tomcat/jdbc/pool/DataSourceProxy.getConnection;"
                + "org/apache/tomcat/jdbc/pool/ConnectionPool.getConnection;"
                + "org/apache/tomcat/jdbc/pool/ConnectionPool.borrowConnection;"
                + "org/apache/tomcat/jdbc/pool/FairBlockingQueue.poll;" + LATCH));
        assertEquals(Bucket.POOL, classify("io/agroal/pool/DataSource.getConnection;io/agroal/pool/ConnectionPool"
                + ".getConnection;io/agroal/pool/ConnectionPool.handlerFromSharedCache;io/agroal/pool/util/"
                + "AgroalSynchronizer.tryAcquireNanos;java/util/concurrent/locks/AbstractQueuedLongSynchronizer"
                + ".tryAcquireNanos;" + PARK));
        assertEquals(Bucket.POOL, classify("oracle/ucp/jdbc/PoolDataSourceImpl.getConnection;"
                + "oracle/ucp/common/UniversalConnectionPoolImpl.borrowConnection;" + CONDITION));
        // Vibur's pool is a Semaphore: a lock wait inside a borrow is the pool's
        assertEquals(Bucket.POOL, classify("org/vibur/dbcp/ViburDBCPDataSource.getConnection;"
                + "org/vibur/dbcp/pool/PoolOperations.getProxyConnection;org/vibur/objectpool/ConcurrentPool.tryTake;"
                + "java/util/concurrent/Semaphore.tryAcquire;" + PARK));
        assertEquals(Bucket.POOL, classify("org/apache/tomcat/dbcp/dbcp2/PoolingDataSource.getConnection;"
                + "org/apache/tomcat/dbcp/pool2/impl/GenericObjectPool.borrowObject;" + CONDITION));
    }

    @Test
    void otherPoolsWaitingToLendArePool() {
        assertEquals(Bucket.POOL, classify("org/springframework/web/client/RestTemplate.doExecute;"
                + "org/apache/http/impl/execchain/MainClientExec.execute;"
                + "org/apache/http/impl/conn/PoolingHttpClientConnectionManager$1.get;"
                + "org/apache/http/impl/conn/PoolingHttpClientConnectionManager.leaseConnection;"
                + "org/apache/http/pool/AbstractConnPool$2.get;org/apache/http/pool/AbstractConnPool.getPoolEntryBlocking;"
                + CONDITION));
        // HttpClient 5 leases through the same BasicFuture as its async requests: the lease decides
        assertEquals(Bucket.POOL, classify("org/apache/hc/client5/http/impl/classic/InternalExecRuntime.acquireEndpoint;"
                + "org/apache/hc/client5/http/impl/io/PoolingHttpClientConnectionManager$3.get;"
                + "org/apache/hc/core5/concurrent/BasicFuture.get;" + OBJECT_WAIT));
        assertEquals(Bucket.POOL, classify("redis/clients/jedis/JedisPool.getResource;"
                + "redis/clients/jedis/util/Pool.getResource;" + POOL2_BORROW));
        assertEquals(Bucket.POOL, classify("org/apache/kafka/clients/producer/KafkaProducer.send;"
                + "org/apache/kafka/clients/producer/KafkaProducer.doSend;"
                + "org/apache/kafka/clients/producer/internals/RecordAccumulator.append;"
                + "org/apache/kafka/clients/producer/internals/BufferPool.allocate;" + CONDITION));
        assertEquals(Bucket.POOL, classify("com/mongodb/internal/connection/DefaultConnectionPool.get;"
                + "com/mongodb/internal/connection/DefaultConnectionPool$OpenConcurrentPool.get;"
                + "com/mongodb/internal/connection/ConcurrentPool.acquire;" + CONDITION));
    }

    @Test
    void runningInAPoolOrCreatingItsConnectionKeepsThatBucket() {
        assertEquals(Bucket.CPU, classify("com/zaxxer/hikari/pool/HikariPool.getConnection;"
                + "com/zaxxer/hikari/util/ConcurrentBag.borrow;java/util/concurrent/CopyOnWriteArrayList.get"));
        assertEquals(Bucket.JDBC, classify("org/apache/commons/pool2/impl/GenericObjectPool.borrowObject;"
                + "org/apache/commons/pool2/impl/GenericObjectPool.create;org/postgresql/Driver.connect;"
                + "org/postgresql/core/v3/ConnectionFactoryImpl.openConnectionImpl;" + CONDITION));
        assertEquals(Bucket.SOCKET, classify("org/apache/commons/pool2/impl/GenericObjectPool.borrowObject;"
                + "org/apache/commons/pool2/impl/GenericObjectPool.create;"
                + "io/lettuce/core/support/ConnectionPoolSupport$RedisPooledObjectFactory.create;"
                + "io/lettuce/core/RedisClient.connect;io/lettuce/core/AbstractRedisClient.getConnection;" + CF_GET));
        assertEquals(Bucket.SOCKET, classify("redis/clients/jedis/JedisPool.getResource;"
                + "org/apache/commons/pool2/impl/GenericObjectPool.borrowObject;"
                + "redis/clients/jedis/JedisFactory.makeObject;redis/clients/jedis/Connection.connect;"
                + "java/net/Socket.connect;sun/nio/ch/NioSocketImpl.connect;sun/nio/ch/Net.connect0;__connect"));
    }

    @Test
    void remoteCallsWaitingOnAFutureAreSocket() {
        assertEquals(Bucket.SOCKET, classify("okhttp3/internal/connection/RealCall.execute;"
                + "okhttp3/internal/connection/RealCall.getResponseWithInterceptorChain$okhttp;"
                + "okhttp3/internal/http2/Http2Stream.takeHeaders;okhttp3/internal/http2/Http2Stream.waitForIo$okhttp;"
                + OBJECT_WAIT));
        assertEquals(Bucket.SOCKET, classify("org/apache/kafka/clients/producer/internals/FutureRecordMetadata.get;"
                + "org/apache/kafka/clients/producer/internals/ProduceRequestResult.await;" + LATCH));
        assertEquals(Bucket.SOCKET, classify("org/apache/hc/core5/concurrent/BasicFuture.get;" + OBJECT_WAIT));
        assertEquals(Bucket.SOCKET, classify("org/apache/http/concurrent/BasicFuture.get;" + OBJECT_WAIT));
        for (String rest : List.of("org/elasticsearch", "org/opensearch")) {
            assertEquals(Bucket.SOCKET, classify(rest + "/client/RestClient.performRequest;"
                    + "org/apache/http/concurrent/BasicFuture.get;" + OBJECT_WAIT), rest);
        }
        assertEquals(Bucket.SOCKET, classify("software/amazon/awssdk/services/s3/DefaultS3Client.getObject;"
                + "software/amazon/awssdk/core/internal/handler/BaseSyncClientHandler.execute;"
                + "software/amazon/awssdk/http/crt/AwsCrtHttpClient$CrtHttpRequest.call;"
                + "software/amazon/awssdk/utils/CompletableFutureUtils.joinLikeSync;"
                + "java/util/concurrent/CompletableFuture.join;" + PARK));
        assertEquals(Bucket.SOCKET, classify("org/springframework/web/service/invoker/HttpServiceMethod.invoke;"
                + "reactor/core/publisher/Mono.block;reactor/core/publisher/BlockingSingleSubscriber.blockingGet;"
                + LATCH));
        assertEquals(Bucket.SOCKET, classify("org/springframework/web/client/DefaultRestClient$DefaultResponseSpec"
                + ".body;org/springframework/web/client/DefaultRestClient.readWithMessageConverters;" + CF_GET));
        assertEquals(Bucket.SOCKET, classify("com/datastax/oss/driver/internal/core/session/DefaultSession.execute;"
                + "com/datastax/oss/driver/internal/core/cql/CqlRequestSyncProcessor.process;"
                + "com/datastax/oss/driver/internal/core/util/concurrent/CompletableFutures.getUninterruptibly;"
                + CF_GET));
        // Jetty 12's client (the survey of 2026-11-30 saw it as await)
        assertEquals(Bucket.SOCKET, classify("org/eclipse/jetty/client/HttpClient.GET;"
                + "org/eclipse/jetty/client/transport/HttpRequest.send;" + CF_GET));
        assertEquals(Bucket.SOCKET, classify("org/redisson/RedissonBucket.get;"
                + "org/redisson/command/CommandAsyncService.get;" + CF_GET));
        assertEquals(Bucket.POLL, classify("org/apache/kafka/clients/consumer/KafkaConsumer.poll;"
                + "org/apache/kafka/clients/consumer/internals/AsyncKafkaConsumer.poll;" + CF_GET));
        assertEquals(Bucket.POLL, classify("org/apache/kafka/clients/consumer/KafkaConsumer.poll;"
                + "org/apache/kafka/clients/consumer/internals/ConsumerNetworkClient.poll;"
                + "org/apache/kafka/common/network/Selector.poll;sun/nio/ch/SelectorImpl.select;"
                + "sun/nio/ch/EPollSelectorImpl.doSelect;sun/nio/ch/EPoll.wait;epoll_wait"));
        // A synchronous request answered through the consumer's selector: the call decides.
        assertEquals(Bucket.SOCKET, classify("org/apache/kafka/clients/consumer/KafkaConsumer.commitSync;"
                + "org/apache/kafka/common/network/Selector.poll;sun/nio/ch/SelectorImpl.select;"
                + "sun/nio/ch/EPollSelectorImpl.doSelect;sun/nio/ch/EPoll.wait;epoll_wait"));
    }

    @Test
    void aDriversOwnClientIsJdbcAndARunningClientIsCpu() {
        assertEquals(Bucket.JDBC, classify("net/snowflake/client/jdbc/SnowflakeStatement.executeQuery;"
                + "okhttp3/internal/connection/RealCall.execute;okhttp3/internal/http2/Http2Stream.takeHeaders;"
                + OBJECT_WAIT));
        assertEquals(Bucket.CPU, classify("io/grpc/stub/ClientCalls.blockingUnaryCall;"
                + "io/grpc/stub/ClientCalls$ThreadlessExecutor.waitAndDrain;io/grpc/internal/SerializingExecutor.run;"
                + "com/google/protobuf/CodedInputStream.readTag"));
    }

    @Test
    void waitsForAnotherThreadNoClientExplainsAreAwait() {
        assertEquals(Bucket.AWAIT, classify("reactor/core/publisher/Mono.block;"
                + "reactor/core/publisher/BlockingSingleSubscriber.blockingGet;" + LATCH));
        assertEquals(Bucket.AWAIT, classify("java/util/concurrent/FutureTask.get;"
                + "java/util/concurrent/FutureTask.awaitDone;" + PARK));
        assertEquals(Bucket.AWAIT, classify("java/util/concurrent/ForkJoinTask.join;"
                + "java/util/concurrent/ForkJoinTask.awaitDone;" + PARK));
        // JDK 17's Thread.join is Object.wait underneath: the named call above it decides
        assertEquals(Bucket.AWAIT, classify("java/lang/Thread.join;java/lang/Thread.join;" + OBJECT_WAIT));
        assertEquals(Bucket.AWAIT, classify("java/util/concurrent/CyclicBarrier.await;"
                + "java/util/concurrent/CyclicBarrier.dowait;" + CONDITION));
        assertEquals(Bucket.AWAIT, classify("com/google/common/util/concurrent/AbstractFuture$TrustedFuture.get;"
                + "com/google/common/util/concurrent/AbstractFuture.get;" + PARK));
        assertEquals(Bucket.AWAIT, classify("io/netty/channel/DefaultChannelPromise.sync;"
                + "io/netty/util/concurrent/DefaultPromise.sync;io/netty/util/concurrent/DefaultPromise.await;"
                + OBJECT_WAIT));
        // a ForkJoin worker that runs a stolen task while it joins is working
        assertEquals(Bucket.CPU, classify("java/util/concurrent/ForkJoinTask.join;"
                + "java/util/concurrent/ForkJoinTask.awaitDone;java/util/concurrent/ForkJoinPool.helpJoin;"
                + "java/util/concurrent/ForkJoinTask.doExec;App.compute"));
    }

    @Test
    void poolWorkersWaitingForWorkAndPlainWaitsStayIdle() {
        assertEquals(Bucket.IDLE, classify("java/util/concurrent/ThreadPoolExecutor.getTask;"
                + "java/util/concurrent/LinkedBlockingQueue.take;" + CONDITION));
        assertEquals(Bucket.IDLE, classify("java/util/concurrent/ForkJoinPool.runWorker;"
                + "java/util/concurrent/ForkJoinPool.awaitWork;" + PARK));
        assertEquals(Bucket.IDLE, classify("java/lang/ref/ReferenceQueue.remove;" + OBJECT_WAIT));
        assertEquals(Bucket.IDLE, classify(PARK));
        // Jetty 12's reserved threads wait for a task on a Semaphore, which alone is lock
        String semaphore = "java/util/concurrent/Semaphore.tryAcquire;"
                + "java/util/concurrent/locks/AbstractQueuedSynchronizer.tryAcquireSharedNanos;"
                + "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquire;" + PARK;
        assertEquals(Bucket.IDLE, classify("org/eclipse/jetty/util/thread/QueuedThreadPool.runJob;"
                + "org/eclipse/jetty/util/thread/ReservedThreadExecutor$ReservedThread.run;"
                + "org/eclipse/jetty/util/thread/ReservedThreadExecutor$ReservedThread.waitForTask;" + semaphore));
        assertEquals(Bucket.LOCK, classify(semaphore));
        // ... but a task it runs is its own: a JDBC call, a pool borrow or a lock inside the task
        assertEquals(Bucket.POOL, classify("org/eclipse/jetty/util/thread/ReservedThreadExecutor$ReservedThread.run;"
                + "org/eclipse/jetty/util/thread/ReservedThreadExecutor$ReservedThread.waitForTask;App.handle;"
                + "com/zaxxer/hikari/pool/HikariPool.getConnection;com/zaxxer/hikari/util/ConcurrentBag.borrow;"
                + "java/util/concurrent/SynchronousQueue.poll;" + PARK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"io/grpc/netty/shaded/", "org/elasticsearch/repackaged/", "com/acme/internal/", ""})
    void relocatedCopiesOfLibrariesMatch(String prefix) {
        assertEquals(Bucket.POLL, classify(prefix + "io/netty/channel/epoll/EpollIoHandler.epollWait;"
                + prefix + "io/netty/channel/epoll/Native.epollWait;" + prefix + "io/netty/channel/epoll/Native"
                + ".epollWait0;_init;epoll_pwait2"));
        assertEquals(Bucket.POOL, classify(prefix + "com/zaxxer/hikari/pool/HikariPool.getConnection;"
                + prefix + "com/zaxxer/hikari/util/ConcurrentBag.borrow;java/util/concurrent/SynchronousQueue.poll;"
                + PARK));
        assertEquals(Bucket.JDBC, classify(prefix + "org/postgresql/jdbc/PgStatement.executeQuery;" + SOCKET_READ));
        assertEquals(Bucket.AWAIT, classify(prefix + "io/netty/util/concurrent/DefaultPromise.await;" + OBJECT_WAIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll_pwait", "epoll_pwait2", "ppoll", "pselect6", "io_uring_enter", "__GI_epoll_pwait"})
    void nativeEventLoopWaitsAreNotCpu(String wait) {
        assertEquals(Bucket.IDLE, classify("com/acme/Loop.run;com/acme/Native.waitEvents;"
                + "Java_com_acme_Native_waitEvents;" + wait));
        assertEquals(Bucket.IDLE, BucketRules.classify(List.of("[uv-loop tid=3]", "start_thread", "uv_run", wait),
                Set.of()));
    }

    @Test
    void aDumpedThreadWaitingInAClientIsItsCall() {
        // jspy dump: Java frames only, the WAITING state adds Parker::park (DumpBuckets)
        assertEquals(Bucket.SOCKET, classify("jdk/internal/net/http/HttpClientFacade.send;"
                + "jdk/internal/net/http/HttpClientImpl.send;java/util/concurrent/CompletableFuture.get;"
                + "java/util/concurrent/CompletableFuture.waitingGet;java/util/concurrent/locks/LockSupport.park;"
                + "jdk/internal/misc/Unsafe.park;Parker::park"));
    }

    private static Bucket classify(String stack) {
        return classify(Set.of(), stack);
    }

    private static Bucket classify(Set<String> jdbcClasses, String stack) {
        List<String> frames = new ArrayList<>(List.of("[t tid=1]", "java/lang/Thread.run", "App.call"));
        frames.addAll(Arrays.asList(stack.split(";")));
        return BucketRules.classify(frames, jdbcClasses);
    }
}
