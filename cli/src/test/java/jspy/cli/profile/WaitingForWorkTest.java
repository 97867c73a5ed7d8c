package jspy.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.diff.FoldedFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threads that wait for work although they sit in a socket call or in a JDBC driver (issue 23),
 * against stacks recorded with {@code jspy record -f collapsed --idle -t} on JDK 17 and 25 from
 * AcceptApp, TomcatApp (Tomcat 10.1), JettyApp (Jetty 12), MySqlApp (Connector/J 9.4) and
 * PgCleanerApp (pgjdbc 42.7.5), bucket frames removed.
 */
class WaitingForWorkTest {
    /** Thread name prefix -> bucket; every thread of the files must match one. */
    private static final Map<String, Bucket> EXPECTED = new LinkedHashMap<>();

    static {
        // servers blocked in accept: plain, with SO_TIMEOUT (NioSocketImpl.park), a channel, a virtual thread
        for (String t : List.of("accept-", "vt-accept", "mysql-silent-server", "http-nio-127.0.0.1-auto-1-Acceptor",
                "jetty-srv-", "http-nio-127.0.0.1-auto-1-exec-")) {
            EXPECTED.put(t, Bucket.IDLE);
        }
        // the same park over Net.poll under a read with SO_TIMEOUT is a socket wait
        EXPECTED.put("read-timed", Bucket.SOCKET);
        EXPECTED.put("http-nio-127.0.0.1-auto-1-Poller", Bucket.POLL);
        // a driver's own threads wait for work; the application's calls into it are jdbc
        EXPECTED.put("mysql-cj-abandoned-connection-cleanup", Bucket.IDLE);
        EXPECTED.put("PostgreSQL-JDBC-Cleaner", Bucket.IDLE);
        EXPECTED.put("mysql-connect-", Bucket.JDBC);
        EXPECTED.put("pg-query-", Bucket.JDBC);
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void recordedThreadsLandInTheirBuckets(int jdk) throws IOException {
        String name = "servers-drivers-jdk" + jdk;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Sample s : FoldedFile.parse(resource(name), Set.of())) {
            String thread = Frames.threadName(s.thread());
            String group = EXPECTED.keySet().stream().filter(thread::startsWith).findFirst()
                    .orElseThrow(() -> new AssertionError("no expectation for thread " + thread + " in " + name));
            assertEquals(EXPECTED.get(group), s.bucket(), name + ": " + String.join(";", s.frames()));
            seen.merge(group, 1, Integer::sum);
        }
        Set<String> expected = new java.util.HashSet<>(EXPECTED.keySet());
        if (jdk < 21) {
            expected.remove("vt-accept");
        }
        assertEquals(expected, seen.keySet(), "threads of " + name);
    }

    /**
     * A driver known only by the classes the agent lists (the recorded MySQL stacks moved to a
     * package no rule names, the list as the agent writes it: classes implementing java.sql
     * interfaces): its connect is jdbc, its cleanup thread idle.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aDriverKnownByItsClassesOnly(int jdk) throws IOException {
        String text = resource("servers-drivers-jdk" + jdk).replace("com/mysql/cj/jdbc/", "com/acme/db/");
        Set<String> listed = Set.of("com/acme/db/NonRegisteringDriver", "com/acme/db/ConnectionImpl",
                "com/acme/db/StatementImpl");
        Map<String, Bucket> buckets = new LinkedHashMap<>();
        for (Sample s : FoldedFile.parse(text, listed)) {
            buckets.put(Frames.threadName(s.thread()), s.bucket());
        }
        assertEquals(Bucket.JDBC, buckets.get("mysql-connect-1"));
        assertEquals(Bucket.IDLE, buckets.get("mysql-cj-abandoned-connection-cleanup"));
        for (Sample s : FoldedFile.parse(text, Set.of())) {
            if (Frames.threadName(s.thread()).startsWith("mysql-connect-")) {
                assertEquals(Bucket.SOCKET, s.bucket(), "without the list it is a plain socket read");
            }
        }
    }

    /** What was jdbc only for a driver frame at the thread's root keeps the bucket of its leaf. */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aDriverThreadAtWorkIsWhatItDoes(int jdk) throws IOException {
        // the cleaner's stack with its wait replaced by a socket write: closing a leaked connection
        String cleaner = resource("servers-drivers-jdk" + jdk).lines()
                .filter(l -> l.startsWith("[PostgreSQL-JDBC-Cleaner ")).findFirst().orElseThrow();
        String closing = cleaner.substring(0, cleaner.indexOf(";java/lang/ref/ReferenceQueue.remove"))
                + ";org/postgresql/jdbc/PgConnection.close;org/postgresql/core/PGStream.flush"
                + ";java/net/Socket$SocketOutputStream.write;sun/nio/ch/NioSocketImpl.write"
                + ";sun/nio/ch/SocketDispatcher.write0 7";
        assertEquals(Bucket.SOCKET, FoldedFile.parse(closing, Set.of()).get(0).bucket(), closing);
        assertTrue(FoldedFile.parse(closing.replace("org/postgresql/util/LazyCleaner$1.run",
                "com/acme/Repository.cleanUp"), Set.of()).get(0).bucket() == Bucket.JDBC,
                "the same close called by the application is a JDBC call");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WaitingForWorkTest.class.getResourceAsStream("/stacks/" + name + ".collapsed")) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
