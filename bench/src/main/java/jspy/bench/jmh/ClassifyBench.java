package jspy.bench.jmh;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.BucketRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BucketRules.classify on one real stack per shape: it runs once per distinct stack per snapshot.
 * pool-wait and client-wait (issue 10) walk the whole stack for the calls around the wait; pool-wait
 * also looks each frame up in the agent's JDBC classes, as a recording with HikariCP does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClassifyBench {
    /** HikariApp on JDK 17: a thread waiting for a connection of an exhausted pool. */
    static final List<String> POOL_WAIT = List.of("[hikari-waiter-1 tid=19661]", "java/lang/Thread.run",
            "jspy/testapps/Ready$$Lambda.run", "jspy/testapps/Ready.lambda$start$0", "jspy/testapps/HikariApp$$Lambda.run",
            "jspy/testapps/HikariApp.lambda$main$1", "jspy/testapps/HikariApp.waitForConnection",
            "com/zaxxer/hikari/HikariDataSource.getConnection", "com/zaxxer/hikari/pool/HikariPool.getConnection",
            "com/zaxxer/hikari/pool/HikariPool.getConnection", "com/zaxxer/hikari/util/ConcurrentBag.borrow",
            "java/util/concurrent/SynchronousQueue.poll", "java/util/concurrent/SynchronousQueue$TransferQueue.transfer",
            "java/util/concurrent/locks/LockSupport.parkNanos", "jdk/internal/misc/Unsafe.park", "Unsafe_Park",
            "Parker::park", "___pthread_cond_timedwait", "__futex_abstimed_wait_common");
    static final Set<String> HIKARI_JDBC_CLASSES = Set.of("com/zaxxer/hikari/HikariDataSource",
            "com/zaxxer/hikari/pool/HikariProxyConnection", "com/zaxxer/hikari/pool/HikariProxyStatement",
            "org/h2/jdbc/JdbcConnection", "org/h2/jdbc/JdbcStatement", "org/h2/Driver");
    /** HttpClientApp on JDK 17: HttpClient.send waiting on its future. */
    static final List<String> CLIENT_WAIT = List.of("[http-client-1 tid=17115]", "java/lang/Thread.run",
            "jspy/testapps/Ready$$Lambda.run", "jspy/testapps/Ready.lambda$start$0",
            "jspy/testapps/HttpClientApp$$Lambda.run", "jspy/testapps/HttpClientApp.lambda$main$2",
            "jspy/testapps/HttpClientApp.callForever", "jdk/internal/net/http/HttpClientFacade.send",
            "jdk/internal/net/http/HttpClientImpl.send", "java/util/concurrent/CompletableFuture.get",
            "java/util/concurrent/CompletableFuture.waitingGet", "java/util/concurrent/ForkJoinPool.managedBlock",
            "java/util/concurrent/ForkJoinPool.unmanagedBlock", "java/util/concurrent/CompletableFuture$Signaller.block",
            "java/util/concurrent/locks/LockSupport.park", "jdk/internal/misc/Unsafe.park", "Unsafe_Park",
            "Parker::park", "___pthread_cond_wait", "__futex_abstimed_wait_common");

    @Param({"cpu", "socket", "queue-idle", "gc-thread", "pool-wait", "client-wait"})
    public String stack;

    private List<String> frames;
    private Set<String> jdbcClasses;

    @Setup
    public void setUp() {
        frames = switch (stack) {
            case "cpu" -> Stacks.CPU;
            case "socket" -> Stacks.SOCKET;
            case "queue-idle" -> Stacks.QUEUE_IDLE;
            case "pool-wait" -> POOL_WAIT;
            case "client-wait" -> CLIENT_WAIT;
            default -> Stacks.GC_THREAD;
        };
        jdbcClasses = stack.equals("pool-wait") ? HIKARI_JDBC_CLASSES : Set.of();
        if (stack.equals("pool-wait") && BucketRules.classify(frames, jdbcClasses) != Bucket.POOL
                || stack.equals("client-wait") && BucketRules.classify(frames, jdbcClasses) != Bucket.SOCKET) {
            throw new IllegalStateException(stack + " is not classified as the benchmark assumes");
        }
    }

    @Benchmark
    public Bucket classify() {
        return BucketRules.classify(frames, jdbcClasses);
    }
}
