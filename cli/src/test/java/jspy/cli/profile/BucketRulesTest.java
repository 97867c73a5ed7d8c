package jspy.cli.profile;

import jspy.cli.diff.FoldedFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The rules against real wall-clock stacks recorded on JDK 17 and 25 (see shared/stacks/README.md). */
class BucketRulesTest {
    /** Every thread of the recordings and where it belongs. An unlisted thread fails the test. */
    private static final Map<String, Bucket> EXPECTED = new HashMap<>();

    static {
        for (String t : List.of("T-busy", "ForkJoinPool-1-worker-2")) {
            EXPECTED.put(t, Bucket.CPU);
        }
        EXPECTED.put("T-sockread", Bucket.SOCKET);
        EXPECTED.put("acceptor", Bucket.IDLE); // blocked in accept: waiting for work (issue 23)
        EXPECTED.put("T-select", Bucket.POLL);
        EXPECTED.put("T-rlock", Bucket.LOCK);
        EXPECTED.put("T-monitor", Bucket.LOCK);
        EXPECTED.put("C-sleep", Bucket.JDBC);
        EXPECTED.put("C-join", Bucket.JDBC);
        for (String t : List.of("T-monholder", "T-sleep", "T-queue", "T-objwait", "main", "jspy-agent", "java",
                "Signal Dispatcher", "MasterPoller", "G1 Main Marker", "ForkJoinPool-1-worker-1", "G1 Service",
                "VM Thread", "C2 CompilerThre", "C1 CompilerThre", "ForkJoinPool-1-delayScheduler",
                "VirtualThread-unblocker", "VM Periodic Tas", "Attach Listener", "Reference Handler",
                "Monitor Deflati", "Service Thread", "G1 Refine#0", "GC Thread#0", "G1 Conc#0", "Common-Cleaner",
                "Notification Thread", "Finalizer", "Sweeper thread")) {
            EXPECTED.put(t, Bucket.IDLE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"situations-jdk17", "situations-jdk25", "h2-jdbc-jdk17", "h2-jdbc-jdk25"})
    void recordedStacksLandInTheirBuckets(String name) throws IOException {
        List<Sample> samples = FoldedFile.parse(resource("/stacks/" + name + ".collapsed"), Set.of());
        assertTrue(samples.size() > 15, "too few stacks in " + name);
        Map<String, Integer> stacksPerThread = new HashMap<>();
        for (Sample s : samples) {
            String thread = Frames.threadName(s.thread());
            Bucket expected = EXPECTED.get(thread);
            assertTrue(expected != null, "no expectation for thread " + thread + " in " + name);
            assertEquals(expected, s.bucket(), name + ": " + String.join(";", s.frames()));
            stacksPerThread.merge(thread, 1, Integer::sum);
        }
        if (name.startsWith("situations")) {
            // the plain and the annotated (_[j], _[0], lambda address) copies merge into one stack
            assertEquals(1, stacksPerThread.get("T-sockread"), "annotated and plain stacks must merge");
        }
    }

    @Test
    void lambdaAndHiddenClassAddressesAreDropped() {
        assertEquals("Target$$Lambda.run", Frames.normalize("Target$$Lambda$6.0x00007f7744000c30.run"));
        assertEquals("Target$$Lambda.run", Frames.normalize("Target$$Lambda.0x00000000300448a8.run"));
        assertEquals("Target$$Lambda.run", Frames.normalize("Target$$Lambda$14/0x0000000800c03000.run"));
        assertEquals("java/lang/invoke/LambdaForm$MH.invoke",
                Frames.normalize("java/lang/invoke/LambdaForm$MH.0x0000000800c0c400.invoke"));
        assertEquals("Target.busy", Frames.normalize("Target.busy_[j]"));
        assertEquals("__new_sem_wait_slow64.constprop.0", Frames.normalize("__new_sem_wait_slow64.constprop.0"));
    }

    @Test
    void javaFramesAreToldFromNativeOnes() {
        assertTrue(Frames.isJava("java/lang/Thread.run"));
        assertTrue(Frames.isJava("Target.lambda$main$1"));
        assertTrue(Frames.isJava("java/lang/Object.<init>"));
        assertFalse(Frames.isJava("__new_sem_wait_slow64.constprop.0"));
        assertFalse(Frames.isJava("Thread::call_run"));
        assertFalse(Frames.isJava("/usr/lib/jvm/java-17-openjdk-amd64/bin/java"));
        assertFalse(Frames.isJava("libjvm.so"));
        assertFalse(Frames.isJava("[main tid=1]"));
    }

    @Test
    void netPollUnderNioSocketImplIsASocketWaitNotASelector() {
        assertEquals(Bucket.SOCKET, classify("[t tid=1];App.call;java/net/Socket$SocketInputStream.read;"
                + "sun/nio/ch/NioSocketImpl.read;sun/nio/ch/NioSocketImpl.timedRead;sun/nio/ch/NioSocketImpl.park;"
                + "sun/nio/ch/Net.poll;Java_sun_nio_ch_Net_poll;poll"));
    }

    @Test
    void serviceThreadsWaitingInNativeCodeAreIdleFromJavaFramesAlone() {
        // jspy dump sees only Java frames, and Java calls these threads RUNNABLE
        assertEquals(Bucket.IDLE, classify("[Reference Handler tid=2];java/lang/ref/Reference$ReferenceHandler.run;"
                + "java/lang/ref/Reference.processPendingReferences;java/lang/ref/Reference.waitForReferencePendingList"));
        assertEquals(Bucket.IDLE, classify("[VirtualThread-unblocker tid=3];java/lang/Thread.run;"
                + "java/lang/VirtualThread.unblockVirtualThreads;java/lang/VirtualThread.takeVirtualThreadListToUnblock"));
    }

    @Test
    void waitingForAChildProcessIsIdle() {
        assertEquals(Bucket.IDLE, classify("[process reaper tid=9];java/util/concurrent/ThreadPoolExecutor$Worker.run;"
                + "java/lang/ProcessHandleImpl$1.run;java/lang/ProcessHandleImpl.waitForProcessExit0;"
                + "Java_java_lang_ProcessHandleImpl_waitForProcessExit0;__wait4"));
        assertEquals(Bucket.IDLE, classify("[main tid=1];App.main;java/lang/ProcessImpl.waitFor;"
                + "java/lang/Object.wait;JVM_MonitorWait"));
    }

    @Test
    void fileIoIsIo() {
        assertEquals(Bucket.IO, classify("[t tid=1];App.save;java/io/FileOutputStream.write;"
                + "java/io/FileOutputStream.writeBytes;__GI___libc_write"));
        assertEquals(Bucket.IO, classify("[t tid=1];App.sync;sun/nio/ch/FileChannelImpl.force;"
                + "sun/nio/ch/UnixFileDispatcherImpl.force0;fsync"));
        assertEquals(Bucket.IO, classify("[t tid=1];App.load;java/io/RandomAccessFile.read;"
                + "java/io/RandomAccessFile.readBytes;__GI_read"));
    }

    /**
     * JDK 17's socket writes and JDK 11's NIO socket reads run FileDispatcherImpl's natives under
     * SocketDispatcher: socket, not io (stacks from Jedis GETs and Netty NIO workers, JDK 17).
     */
    @Test
    void socketDispatchThroughFileDispatcherNativesIsSocket() {
        assertEquals(Bucket.SOCKET, classify("[t tid=1];redis/clients/jedis/Connection.flush;"
                + "java/net/Socket$SocketOutputStream.write;sun/nio/ch/NioSocketImpl$2.write;"
                + "sun/nio/ch/NioSocketImpl.write;sun/nio/ch/NioSocketImpl.implWrite;sun/nio/ch/NioSocketImpl.tryWrite;"
                + "sun/nio/ch/SocketDispatcher.write;sun/nio/ch/FileDispatcherImpl.write0;"
                + "Java_sun_nio_ch_FileDispatcherImpl_write0;__GI_write"));
        assertEquals(Bucket.SOCKET, classify("[t tid=1];io/netty/channel/nio/NioEventLoop.run;"
                + "sun/nio/ch/SocketChannelImpl.write;sun/nio/ch/IOUtil.write;sun/nio/ch/IOUtil.writeFromNativeBuffer;"
                + "sun/nio/ch/SocketDispatcher.writev;sun/nio/ch/FileDispatcherImpl.writev0;writev"));
        assertEquals(Bucket.SOCKET, classify("[t tid=1];App.read;sun/nio/ch/SocketChannelImpl.read;"
                + "sun/nio/ch/IOUtil.read;sun/nio/ch/IOUtil.readIntoNativeBuffer;sun/nio/ch/SocketDispatcher.read;"
                + "sun/nio/ch/FileDispatcherImpl.read0;__GI_read"));
        // the same natives under a FileChannel stay io
        assertEquals(Bucket.IO, classify("[t tid=1];App.load;sun/nio/ch/FileChannelImpl.read;sun/nio/ch/IOUtil.read;"
                + "sun/nio/ch/IOUtil.readIntoNativeBuffer;sun/nio/ch/FileDispatcherImpl.pread;"
                + "sun/nio/ch/FileDispatcherImpl.pread0;__pread64"));
        assertEquals(Bucket.IO, classify("[t tid=1];App.save;sun/nio/ch/FileChannelImpl.write;sun/nio/ch/IOUtil.write;"
                + "sun/nio/ch/IOUtil.writeFromNativeBuffer;sun/nio/ch/UnixFileDispatcherImpl.write;"
                + "sun/nio/ch/UnixFileDispatcherImpl.write0;__GI_write"));
    }

    @Test
    void jdk8SocketReadIsSocket() {
        assertEquals(Bucket.SOCKET, classify("[t tid=1];App.call;java/net/SocketInputStream.read;"
                + "java/net/SocketInputStream.socketRead;java/net/SocketInputStream.socketRead0;__GI_recv"));
    }

    @Test
    void workingVmThreadsAreJvmAndWaitingOnesIdle() {
        assertEquals(Bucket.JVM, classify("[GC Thread#0 tid=5];clone3;start_thread;thread_native_entry;"
                + "Thread::call_run;WorkerThread::run;G1EvacuateRegionsTask::work;G1ParScanThreadState::trim_queue"));
        assertEquals(Bucket.JVM, classify("[C2 CompilerThre tid=6];clone3;start_thread;thread_native_entry;"
                + "Thread::call_run;JavaThread::thread_main_inner;CompileBroker::compiler_thread_loop;"
                + "CompileBroker::invoke_compiler_on_method;C2Compiler::compile_method;Compile::Compile"));
        assertEquals(Bucket.JVM, classify("[main tid=1];App.main;java/lang/Runtime.gc;JVM_GC;"
                + "VMThread::execute;Monitor::wait;__futex_abstimed_wait_common"));
    }

    @Test
    void callbackInsideSelectIsCpuAndWaitsInsideAreNot() {
        assertEquals(Bucket.CPU, classify("[t tid=1];sun/nio/ch/SelectorImpl.select;"
                + "sun/nio/ch/SelectorImpl.lockAndDoSelect;sun/nio/ch/EPollSelectorImpl.doSelect;"
                + "sun/nio/ch/EPollSelectorImpl.processEvents;App.onReady;App.parse"));
        assertEquals(Bucket.AWAIT, classify("[t tid=1];App.run;java/util/concurrent/CountDownLatch.await;"
                + "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquireSharedInterruptibly;"
                + "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquire;"
                + "java/util/concurrent/locks/LockSupport.park;jdk/internal/misc/Unsafe.park"));
        assertEquals(Bucket.LOCK, classify("[t tid=1];App.run;java/util/concurrent/locks/ReentrantLock$NonfairSync.lock;"
                + "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquireQueued;"
                + "java/util/concurrent/locks/LockSupport.park;sun/misc/Unsafe.park"));
        assertEquals(Bucket.CPU, classify("[t tid=1];App.run;App.compute"));
    }

    @Test
    void jdbcDriversByPackageAndByWhatTheirClassesImplement() {
        for (String pkg : List.of("org/postgresql/jdbc/PgStatement", "com/mysql/cj/jdbc/ClientPreparedStatement",
                "org/mariadb/jdbc/ClientPreparedStatement", "oracle/jdbc/driver/OraclePreparedStatement",
                "com/microsoft/sqlserver/jdbc/SQLServerStatement", "org/sqlite/jdbc3/JDBC3Statement",
                "org/hsqldb/jdbc/JDBCStatement", "org/apache/derby/client/am/ClientStatement",
                "com/ibm/db2/jcc/am/Statement", "org/h2/jdbc/JdbcStatement")) {
            assertEquals(Bucket.JDBC, classify("[t tid=1];App.query;" + pkg + ".executeQuery;"
                    + "java/net/Socket$SocketInputStream.read;sun/nio/ch/NioSocketImpl.read;"
                    + "sun/nio/ch/SocketDispatcher.read0;__GI_read"), pkg);
        }
        List<String> frames = Arrays.asList(("[t tid=1];App.query;com/acme/db/AcmeStatement.execute;"
                + "com/acme/db/Wire.read;sun/nio/ch/SocketDispatcher.read0;__GI_read").split(";"));
        assertEquals(Bucket.SOCKET, BucketRules.classify(frames, Set.of()));
        assertEquals(Bucket.JDBC, BucketRules.classify(frames, Set.of("com/acme/db/AcmeStatement")));
    }

    private static Bucket classify(String stack) {
        return BucketRules.classify(Arrays.asList(stack.split(";")), Set.of());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BucketRulesTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
