package jspy.cli.profile;

import jspy.cli.diff.FoldedFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel's thread state joins the frames: frames decide what a thread waits on, the state
 * whether it waits. Checked on every real JDK 17 and 25 stack of the recordings, in both states.
 */
class ThreadStateRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"situations-jdk17", "situations-jdk25", "h2-jdbc-jdk17", "h2-jdbc-jdk25"})
    void aSleepingThreadIsNeverCpuAndARunningOneNeverIdle(String name) throws IOException {
        List<Sample> samples = FoldedFile.parse(resource("/stacks/" + name + ".collapsed"), Set.of());
        assertTrue(samples.size() > 15, "too few stacks in " + name);
        int changed = 0;
        for (Sample s : samples) {
            Bucket framesOnly = s.bucket();
            Bucket sleeping = StateRules.classify(s.frames(), Set.of(), ThreadState.SLEEPING);
            Bucket running = StateRules.classify(s.frames(), Set.of(), ThreadState.RUNNING);
            String stack = name + ": " + String.join(";", s.frames());
            assertNotEquals(Bucket.CPU, sleeping, stack);
            assertNotEquals(Bucket.IDLE, running, stack);
            assertEquals(framesOnly, StateRules.classify(s.frames(), Set.of(), ThreadState.UNKNOWN), stack);
            if (framesOnly != Bucket.CPU && framesOnly != Bucket.IDLE) {
                assertEquals(framesOnly, sleeping, "a known wait keeps its bucket: " + stack);
                assertEquals(framesOnly, running, "a known wait keeps its bucket: " + stack);
            }
            changed += sleeping != framesOnly || running != framesOnly ? 1 : 0;
        }
        assertTrue(changed > 0, "the state must matter for some stacks of " + name);
    }

    @Test
    void aThreadAsleepInAnUnknownNativeCallIsIdleNotCpu() {
        // No rule knows acme_block_forever: the frames alone say cpu, though the kernel saw it asleep.
        List<String> frames = Arrays.asList("[worker tid=42]", "java/lang/Thread.run", "com/acme/Native.block",
                "acme_block_forever");
        assertEquals(Bucket.CPU, BucketRules.classify(frames, Set.of()));
        assertEquals(Bucket.IDLE, StateRules.classify(frames, Set.of(), ThreadState.SLEEPING));
        assertEquals(Bucket.CPU, StateRules.classify(frames, Set.of(), ThreadState.RUNNING));
    }

    @Test
    void shadedNettyAsleepInEpollIsPollWhateverTheState() {
        // grpc-netty-shaded's event loop (DESIGN.md, wave 2): frames decide what it waits on.
        List<String> frames = Arrays.asList("[grpc-nio-worker-ELG-1-1 tid=42]", "java/lang/Thread.run",
                "io/grpc/netty/shaded/io/netty/util/concurrent/FastThreadLocalRunnable.run",
                "io/grpc/netty/shaded/io/netty/channel/epoll/EpollEventLoop.run",
                "io/grpc/netty/shaded/io/netty/channel/epoll/Native.epollWait0", "epoll_pwait2");
        assertEquals(Bucket.POLL, StateRules.classify(frames, Set.of(), ThreadState.SLEEPING));
        assertEquals(Bucket.POLL, StateRules.classify(frames, Set.of(), ThreadState.UNKNOWN));
    }

    @Test
    void aRunningThreadWithoutJavaFramesIsTheJvmsWork() {
        List<String> frames = Arrays.asList("[GC Thread#0 tid=7]", "start_thread", "thread_native_entry",
                "Thread::call_run", "WorkerThread::run", "SpinPause");
        assertEquals(Bucket.JVM, StateRules.classify(frames, Set.of(), ThreadState.RUNNING));
        List<String> waiting = Arrays.asList("[GC Thread#0 tid=7]", "start_thread", "thread_native_entry",
                "Thread::call_run", "WorkerThread::run", "PosixSemaphore::wait", "sem_wait");
        assertEquals(Bucket.JVM, StateRules.classify(waiting, Set.of(), ThreadState.RUNNING));
        assertEquals(Bucket.IDLE, StateRules.classify(waiting, Set.of(), ThreadState.SLEEPING));
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ThreadStateRulesTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
