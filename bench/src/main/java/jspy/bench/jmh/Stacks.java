package jspy.bench.jmh;

import java.util.List;

/** Real stacks from DESIGN.md (JDK 17), root first, as BucketRules sees them. */
final class Stacks {
    static final List<String> CPU = List.of("[cpu-worker tid=12]", "java/lang/Thread.run",
            "jspy/testapps/CpuApp$$Lambda$14.run", "jspy/testapps/CpuApp.burn", "java/lang/Math.sqrt");
    static final List<String> SOCKET = List.of("[socket-reader tid=14]", "java/lang/Thread.run",
            "jspy/testapps/SocketApp.readLoop", "java/io/DataInputStream.readInt", "java/net/Socket$SocketInputStream.read",
            "sun/nio/ch/NioSocketImpl.read", "sun/nio/ch/NioSocketImpl.implRead", "sun/nio/ch/NioSocketImpl.tryRead",
            "sun/nio/ch/SocketDispatcher.read", "sun/nio/ch/SocketDispatcher.read0",
            "Java_sun_nio_ch_SocketDispatcher_read0", "__GI_read");
    static final List<String> QUEUE_IDLE = List.of("[pool-1-thread-1 tid=20]", "java/lang/Thread.run",
            "java/util/concurrent/ThreadPoolExecutor$Worker.run", "java/util/concurrent/ThreadPoolExecutor.runWorker",
            "java/util/concurrent/ThreadPoolExecutor.getTask", "java/util/concurrent/LinkedBlockingQueue.take",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject.await",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionNode.block",
            "java/util/concurrent/ForkJoinPool.managedBlock", "java/util/concurrent/ForkJoinPool.unmanagedBlock",
            "java/util/concurrent/locks/LockSupport.park", "jdk/internal/misc/Unsafe.park", "Unsafe_Park",
            "Parker::park", "__pthread_cond_wait");
    static final List<String> GC_THREAD = List.of("[GC Thread#0 tid=9]", "start_thread", "thread_native_entry",
            "Thread::call_run", "GangWorker::run", "GangWorker::loop", "SemaphoreGangTaskDispatcher::worker_wait_for_task",
            "PosixSemaphore::wait", "__new_sem_wait_slow64");

    private Stacks() {
    }
}
