package jspy.cli.profile;

import jspy.cli.diff.FoldedFile;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules against stacks recorded with {@code jspy record -f collapsed --idle -t} from the
 * test-apps wait scenarios (HttpClientApp, GrpcApp, LettuceApp, HikariApp, AwaitApp), and of
 * threads in Reactor's plain Mono.block, on JDK 17 and 25, bucket frames removed: real clients,
 * pools and shaded event loops (issue 10).
 */
class RecordedWaitsTest {
    /** Thread name prefix -> bucket and the share of its samples that must land there. */
    private record Expect(Bucket bucket, double share) {
    }

    private static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

    static {
        // the scenario threads: a stray running sample (class loading, JIT) is all that may differ
        EXPECTED.put("http-client-", new Expect(Bucket.SOCKET, 0.98));
        EXPECTED.put("grpc-client-", new Expect(Bucket.SOCKET, 0.98));
        EXPECTED.put("redis-client-", new Expect(Bucket.SOCKET, 0.98));
        EXPECTED.put("hikari-waiter-", new Expect(Bucket.POOL, 0.98));
        EXPECTED.put("hikari-holder-", new Expect(Bucket.JDBC, 0.98));
        EXPECTED.put("await-joiner-", new Expect(Bucket.AWAIT, 0.98));
        EXPECTED.put("await-cpu", new Expect(Bucket.CPU, 0.98));
        // Reactor's plain Mono.block (reactor-core 3.6.6, no Reactor Netty): a boundedElastic
        // worker's result, or Mono.delay's timer
        EXPECTED.put("mono-block", new Expect(Bucket.AWAIT, 0.98));
        // the clients' own threads: shaded and plain Netty event loops, the JDK client's selector
        EXPECTED.put("grpc-default-boss-ELG", new Expect(Bucket.POLL, 0.95));
        EXPECTED.put("grpc-default-worker-ELG", new Expect(Bucket.POLL, 0.85));
        EXPECTED.put("lettuce-nioEventLoop", new Expect(Bucket.POLL, 0.95));
        EXPECTED.put("HttpClient-1-SelectorManager", new Expect(Bucket.POLL, 0.95));
        // pool workers waiting for work stay idle
        EXPECTED.put("HttpClient-1-Worker", new Expect(Bucket.IDLE, 0.98));
        EXPECTED.put("grpc-server-", new Expect(Bucket.IDLE, 0.98));
        EXPECTED.put("grpc-default-executor", new Expect(Bucket.IDLE, 0.98));
        EXPECTED.put("lettuce-", new Expect(Bucket.IDLE, 0.98));
        EXPECTED.put("jspy-pool:", new Expect(Bucket.IDLE, 0.98));
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void scenarioThreadsLandInTheirBuckets(int jdk) throws IOException {
        String name = "/stacks/waits-jdk" + jdk + ".collapsed";
        Map<String, Map<Bucket, Long>> byGroup = new TreeMap<>();
        for (Sample s : FoldedFile.parse(resource(name), Set.of())) {
            String thread = Frames.threadName(s.thread());
            String group = EXPECTED.keySet().stream().filter(thread::startsWith).findFirst()
                    .orElseThrow(() -> new AssertionError("no expectation for thread " + thread + " in " + name));
            byGroup.computeIfAbsent(group, g -> new EnumMap<>(Bucket.class)).merge(s.bucket(), s.count(), Long::sum);
        }
        assertTrue(byGroup.keySet().containsAll(EXPECTED.keySet()), "threads missing from " + name + ": "
                + byGroup.keySet());
        byGroup.forEach((group, buckets) -> {
            Expect expect = EXPECTED.get(group);
            long total = buckets.values().stream().mapToLong(Long::longValue).sum();
            double share = (double) buckets.getOrDefault(expect.bucket(), 0L) / total;
            assertTrue(total >= 200, group + " has only " + total + " samples in " + name);
            assertTrue(share >= expect.share(), name + ": " + group + " is " + expect.bucket() + " for only "
                    + Math.round(share * 100) + "%: " + buckets);
        });
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RecordedWaitsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
