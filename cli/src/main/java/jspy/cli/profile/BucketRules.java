package jspy.cli.profile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one table that decides a sample's bucket, built from the real JDK 17 and 25 stacks in
 * DESIGN.md and test-apps. A stack is read in this order:
 *
 * <ol>
 *   <li>Threads with no Java frame (GC, JIT, VM thread, the launcher) are idle while they wait
 *       and jvm while they work.</li>
 *   <li>{@link Scope#LEAF} rules, frame by frame from the leaf towards the root: the innermost
 *       recognised blocking call says what the thread does, so {@code ConditionObject.await}
 *       under {@code LinkedBlockingQueue.take} is idle, and {@code Net.poll} under
 *       {@code NioSocketImpl.timedRead} is a socket wait, under {@code NioSocketImpl.timedAccept}
 *       idle (Net.poll and NioSocketImpl.park are deliberately no rule).
 *       The walk stops at the first application frame: blocking happens in the JDK, and a
 *       callback running inside {@code Selector.select(Consumer)} is CPU, not poll.
 *       {@link Scope#FALLBACK} rules over the same frames: a bare park, {@code Object.wait} or
 *       native wait that no named API explains is idle. Otherwise the thread was running: cpu.</li>
 *   <li>Then the calls around it, anywhere on the stack, may say what the wait is for. The
 *       innermost of a JDBC driver ({@link Scope#ANYWHERE}: the thread is inside a driver call,
 *       whatever it does underneath, unless the driver started the thread), a pool's borrow or a
 *       network client's blocking call ({@link Scope#CALL}) decides: a pool only while the thread
 *       waits or blocks on a lock, a client only while it waits or polls, and a client inside a
 *       driver call is jdbc. Generic client futures ({@link Scope#WRAPPER}) count when none of
 *       these does.</li>
 * </ol>
 *
 * Housekeeping threads (Finalizer, the virtual-thread poller, ...) that wait are idle, whatever
 * they wait on. Rules on third-party packages also match relocated copies
 * ({@code io/grpc/netty/shaded/io/netty/...}): shading libraries is common, and grpc-netty-shaded
 * is how most services get gRPC.
 */
public final class BucketRules {
    enum Scope { ANYWHERE, CALL, WRAPPER, LEAF, FALLBACK }

    /** thirdParty: never tried on JDK frames (java/, jdk/, sun/), which no relocation makes. */
    record Rule(Bucket bucket, Scope scope, Pattern frame, boolean thirdParty) {
        boolean matches(String f, boolean jdk) {
            return !(jdk && thirdParty) && frame.matcher(f).matches();
        }
    }

    private static Rule rule(Bucket bucket, Scope scope, String regex) {
        return new Rule(bucket, scope, Pattern.compile(regex), false);
    }

    /**
     * A rule on third-party packages: also under any relocation prefix (shaded, repackaged,
     * internal). The prefix makes a first look at an application frame about twice as costly
     * (CPU time, 2 cores); it happens once per distinct frame, and a prefix tried only where a
     * known top-level package begins saved nothing measurable.
     */
    private static Rule relocatable(Bucket bucket, Scope scope, String regex) {
        return new Rule(bucket, scope, Pattern.compile("(?:[\\w$]++/)*(?:" + regex + ")"), true);
    }

    private static final String JUC = "java/util/concurrent/";

    /** Drivers by package; drivers not listed are found by the classes they implement. */
    static final String JDBC_PACKAGES = "(org/h2/jdbc|org/postgresql|com/mysql/cj/jdbc|com/mysql/jdbc"
            + "|org/mariadb/jdbc|oracle/jdbc|com/microsoft/sqlserver/jdbc|org/sqlite|org/hsqldb/jdbc"
            + "|org/apache/derby/client|org/apache/derby/impl/jdbc|org/apache/derby/iapi/jdbc"
            + "|com/ibm/db2/jcc|net/sourceforge/jtds/jdbc|org/firebirdsql/jdbc|com/clickhouse/jdbc"
            + "|net/snowflake/client/jdbc|org/duckdb|com/amazon/redshift/jdbc|io/trino/jdbc"
            + "|com/sap/db/jdbc|org/apache/hive/jdbc)/.*";

    static final List<Rule> RULES = List.of(
            relocatable(Bucket.JDBC, Scope.ANYWHERE, JDBC_PACKAGES),
            relocatable(Bucket.POOL, Scope.CALL, KnownCalls.POOLS),
            relocatable(Bucket.IDLE, Scope.CALL, KnownCalls.WAITING_FOR_WORK),
            relocatable(Bucket.POLL, Scope.CALL, KnownCalls.POLL_CALLS),
            rule(Bucket.SOCKET, Scope.CALL, "jdk/internal/net/http/(HttpClientImpl|HttpClientFacade)\\.send"),
            relocatable(Bucket.SOCKET, Scope.CALL, KnownCalls.SOCKET_CALLS),
            relocatable(Bucket.SOCKET, Scope.WRAPPER, KnownCalls.GENERIC_CLIENT_FUTURES),

            // Contended synchronized: visible only in native frames (JDK 17 EnterI, 25 enter_internal).
            rule(Bucket.LOCK, Scope.LEAF, "ObjectMonitor::(enter|EnterI|enter_internal|enter_with_contention_mark"
                    + "|ReenterI|reenter_internal)\\b.*"),
            rule(Bucket.LOCK, Scope.LEAF, "(ObjectSynchronizer|LightweightSynchronizer)::(enter|slow_enter"
                    + "|inflate_and_enter)\\b.*"),
            rule(Bucket.LOCK, Scope.LEAF, "(InterpreterRuntime::monitorenter|SharedRuntime::complete_monitor_locking"
                    + "|Runtime1::monitorenter)\\b.*"),
            rule(Bucket.LOCK, Scope.LEAF, JUC + "locks/ReentrantLock(\\$\\w+)?\\.(lock|lockInterruptibly|tryLock"
                    + "|tryLockNanos)"),
            rule(Bucket.LOCK, Scope.LEAF, JUC + "locks/ReentrantReadWriteLock\\$(ReadLock|WriteLock)\\.(lock"
                    + "|lockInterruptibly|tryLock)"),
            rule(Bucket.LOCK, Scope.LEAF, JUC + "locks/StampedLock\\.(readLock|writeLock|\\w+Interruptibly"
                    + "|tryReadLock|tryWriteLock|acquireRead|acquireWrite)"),
            rule(Bucket.LOCK, Scope.LEAF, JUC + "Semaphore\\.(acquire|acquireUninterruptibly|tryAcquire)"),

            rule(Bucket.AWAIT, Scope.LEAF, KnownCalls.JDK_AWAITS),
            relocatable(Bucket.AWAIT, Scope.LEAF, KnownCalls.LIBRARY_AWAITS),
            rule(Bucket.IDLE, Scope.LEAF, "JVM_Sleep(Nanos)?|java/lang/Thread\\.(sleep|sleep0|sleepNanos|sleepNanos0"
                    + "|yield0?)|java/lang/VirtualThread\\.sleepNanos"),
            // VirtualThread.park(Nanos) is no rule: it is how every blocking call of a virtual
            // thread waits (a socket read parks in Poller.poll), so the frames above it decide; a
            // bare one is idle (FALLBACK below).
            // JDK service threads that Java reports RUNNABLE while they wait in native code (seen by jspy dump)
            rule(Bucket.IDLE, Scope.LEAF, "java/lang/ref/Reference\\.waitForReferencePendingList"
                    + "|java/lang/VirtualThread\\.takeVirtualThreadListToUnblock"),
            rule(Bucket.IDLE, Scope.LEAF, "java/lang/(ProcessHandleImpl\\.waitForProcessExit0|ProcessImpl\\.waitFor"
                    + "|UNIXProcess\\.(waitFor|waitForProcessExit))"),
            // A pool worker waiting for work (getTask, awaitWork, a queue's take or poll) is idle.
            rule(Bucket.IDLE, Scope.LEAF, JUC + "(LinkedBlockingQueue|ArrayBlockingQueue|LinkedBlockingDeque"
                    + "|PriorityBlockingQueue|DelayQueue|SynchronousQueue|LinkedTransferQueue"
                    + "|ScheduledThreadPoolExecutor\\$DelayedWorkQueue)\\.(take|poll|put|offer|transfer|\\w+First"
                    + "|\\w+Last)"),
            rule(Bucket.IDLE, Scope.LEAF, JUC + "(ThreadPoolExecutor\\.getTask|ForkJoinPool\\.(awaitWork"
                    + "|awaitQuiescence))"),

            // A server thread blocked in accept() waits for work, like a pool worker: Tomcat's and
            // Jetty's acceptors (ServerSocketChannel.accept), ServerSocket.accept (NioSocketImpl on
            // JDK 13+, PlainSocketImpl before). Each was a permanent socket share: 15.7 points of
            // one service's "socket 79%" (issue 23). Before the socket rules: NioSocketImpl.park
            // under a timed accept is no socket wait, so park is no rule and its caller decides.
            rule(Bucket.IDLE, Scope.LEAF, "sun/nio/ch/(Net\\.accept|(NioSocketImpl|ServerSocketChannelImpl"
                    + "|UnixDomainSockets)\\.\\w*[aA]ccept\\w*)|java/net/\\w*SocketImpl\\.\\w*[aA]ccept\\w*"),
            rule(Bucket.SOCKET, Scope.LEAF, "sun/nio/ch/NioSocketImpl\\.(?!park$)\\w+|sun/nio/ch/(SocketDispatcher"
                    + "|SocketChannelImpl|DatagramChannelImpl|DatagramDispatcher)\\.\\w+"),
            rule(Bucket.SOCKET, Scope.LEAF, "sun/nio/ch/Net\\.(connect|pollConnect)"),
            rule(Bucket.SOCKET, Scope.LEAF, "java/net/(SocketInputStream\\.socketRead0|SocketOutputStream\\.socketWrite0"
                    + "|(Plain|AbstractPlain|Dual\\w*)SocketImpl\\.\\w+|PlainDatagramSocketImpl\\.\\w+)"),
            rule(Bucket.SOCKET, Scope.LEAF, "java/net/(Inet[46]?AddressImpl|InetAddress\\$PlatformNameService)"
                    + "\\.lookupAllHostAddr"),

            rule(Bucket.POLL, Scope.LEAF, "sun/nio/ch/(EPoll\\.wait|KQueue\\.poll|EPollPoller\\.poll"
                    + "|\\w*SelectorImpl\\.(doSelect|select|selectNow|lockAndDoSelect))"),
            relocatable(Bucket.POLL, Scope.LEAF, KnownCalls.NETTY_POLL),

            rule(Bucket.IO, Scope.LEAF, "java/io/(FileInputStream|FileOutputStream|RandomAccessFile|UnixFileSystem"
                    + "|FileDescriptor)\\.\\w+"),
            // Not the natives read0/write0 (and v, p): JDK 11 and 17 socket dispatchers call them
            // too (SocketDispatcher.write -> FileDispatcherImpl.write0 on 17), so the caller decides:
            // a socket write was io until the survey of 2026-11-30 found 31% of Jedis GETs there.
            rule(Bucket.IO, Scope.LEAF, "sun/nio/ch/(Unix)?FileDispatcherImpl\\.(?!p?(read|write)v?0$)\\w+"
                    + "|sun/nio/ch/FileChannelImpl\\.\\w+|sun/nio/fs/UnixNativeDispatcher\\.\\w+"),

            // A Java thread stopped for a safepoint or waiting on a VM operation (System.gc()).
            rule(Bucket.JVM, Scope.LEAF, "(SafepointSynchronize::block|SafepointMechanism::process|VMThread::execute"
                    + "|JVM_GC)\\b.*"),

            // Bare waits: a named call above them (Thread.join over Object.wait, CyclicBarrier over
            // ConditionObject.await, a pool's borrow over a park) says more, so they only fill in.
            rule(Bucket.IDLE, Scope.FALLBACK, "ObjectMonitor::wait|JVM_MonitorWait|java/lang/Object\\.wait0?"),
            rule(Bucket.IDLE, Scope.FALLBACK, JUC + "locks/AbstractQueued(Long)?Synchronizer\\$Condition(Object|Node)"
                    + "\\.(await\\w*|block)"),
            rule(Bucket.IDLE, Scope.FALLBACK, "(jdk/internal/misc|sun/misc)/Unsafe\\.park|" + JUC
                    + "locks/LockSupport\\.park\\w*|Unsafe_Park|Parker::park|java/lang/VirtualThread\\.park\\w*"),
            rule(Bucket.IDLE, Scope.FALLBACK, NativeWaits.REGEX));

    private static final Set<String> HOUSEKEEPING = Set.of("Finalizer", "Reference Handler", "Common-Cleaner",
            "Signal Dispatcher", "Attach Listener", "Notification Thread", "Service Thread", "MasterPoller",
            "Read-Poller", "Write-Poller", "VirtualThread-unblocker", "process reaper", "Monitor Deflation Thread",
            "JFR Periodic Tasks", "JFR Recorder Thread", "RMI TCP Accept-0", "RMI Scheduler(0)");

    private static final Pattern JDK_CLASS = Pattern.compile("(java|javax|jdk|sun|com/sun)/.*");

    /**
     * What the table says about one frame, worked out once: the same frames recur in thousands of
     * stacks, and running ~40 regular expressions on each again made rendering 100k stacks slow.
     * {@code context} is the first ANYWHERE, CALL or WRAPPER rule that names the frame.
     */
    private record FrameInfo(boolean java, boolean jdk, Rule context, Bucket leaf, Bucket fallback) {
    }

    private static final int CACHE_LIMIT = 200_000;
    private static final Map<String, FrameInfo> CACHE = new ConcurrentHashMap<>();
    private static final Rule JDBC_CLASS = RULES.get(0);

    private static FrameInfo info(String frame) {
        FrameInfo known = CACHE.get(frame);
        if (known != null) {
            return known;
        }
        boolean java = Frames.isJava(frame);
        boolean jdk = java && JDK_CLASS.matcher(frame).matches();
        FrameInfo info = new FrameInfo(java, jdk, java ? context(frame, jdk) : null, first(Scope.LEAF, frame, jdk),
                first(Scope.FALLBACK, frame, jdk));
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear(); // a bound, not an LRU: profiles rarely have this many distinct frames
        }
        CACHE.put(frame, info);
        return info;
    }

    private static Bucket first(Scope scope, String frame, boolean jdk) {
        for (Rule r : RULES) {
            if (r.scope() == scope && r.matches(frame, jdk)) {
                return r.bucket();
            }
        }
        return null;
    }

    private static Rule context(String frame, boolean jdk) {
        for (Rule r : RULES) {
            if (r.scope().compareTo(Scope.WRAPPER) <= 0 && r.matches(frame, jdk)) {
                return r;
            }
        }
        return null;
    }

    private BucketRules() {
    }

    /**
     * @param frames root first, already {@linkplain Frames#normalize normalized}; the first may be
     *               a thread frame {@code [name tid=N]}
     * @param jdbcClasses classes the agent saw implementing java.sql interfaces ('/' separated)
     */
    public static Bucket classify(List<String> frames, Set<String> jdbcClasses) {
        int first = !frames.isEmpty() && Frames.isThread(frames.get(0)) ? 1 : 0;
        CallContext context = new CallContext();
        for (int i = frames.size() - 1; i >= first; i--) {
            String f = frames.get(i);
            FrameInfo info = info(f);
            if (!info.java()) {
                continue;
            }
            context.anyJava = true;
            context.entry = info.jdk() ? context.entry : info.context();
            Rule r = info.context();
            if (r == null && isJdbcClass(f, jdbcClasses, context)) {
                r = JDBC_CLASS;
            }
            if (r != null) {
                context.add(r);
            }
        }
        if (!context.anyJava) {
            return nativeThread(frames, first);
        }
        Bucket leaf = leafScan(frames, first);
        Bucket around = context.decide(leaf);
        if (around != null) {
            return around;
        }
        String thread = first == 1 ? Frames.threadName(frames.get(0)) : "";
        return leaf != Bucket.CPU && isHousekeeping(thread) ? Bucket.IDLE : leaf;
    }

    /**
     * Looked up only until the innermost driver frame is known, and never for java* classes (the
     * agent lists none): the substring is the costliest step of a classification (ClassifyBench
     * pool-wait).
     */
    private static boolean isJdbcClass(String frame, Set<String> jdbcClasses, CallContext context) {
        return !jdbcClasses.isEmpty() && !context.jdbc && !frame.startsWith("java")
                && jdbcClasses.contains(frame.substring(0, frame.lastIndexOf('.')));
    }

    private static Bucket leafScan(List<String> frames, int first) {
        int stop = first;
        for (int i = frames.size() - 1; i >= first; i--) {
            FrameInfo info = info(frames.get(i));
            if (info.leaf() != null) {
                return info.leaf();
            }
            if (info.java() && !info.jdk()) {
                stop = i;
                break;
            }
        }
        for (int i = frames.size() - 1; i >= stop; i--) {
            Bucket fallback = info(frames.get(i)).fallback();
            if (fallback != null) {
                return fallback;
            }
        }
        return Bucket.CPU;
    }

    /** GC, JIT, VM and launcher threads: no Java frames at all. */
    private static Bucket nativeThread(List<String> frames, int first) {
        if (NativeWaits.waiting(frames)) {
            return Bucket.IDLE;
        }
        for (int i = first; i < frames.size(); i++) {
            String f = frames.get(i);
            if (f.equals("thread_native_entry") || f.equals("Thread::call_run")) {
                return Bucket.JVM;
            }
        }
        return Bucket.CPU;
    }

    /**
     * The class of the outermost pool call on the stack ({@code com/zaxxer/hikari/pool/HikariPool}
     * over its ConcurrentBag), which names the pool a pool wait borrows from; or null.
     */
    public static String poolClass(List<String> frames) {
        for (String f : frames) {
            Rule r = Frames.isJava(f) ? info(f).context() : null;
            if (r != null && r.bucket() == Bucket.POOL) {
                return f.substring(0, f.lastIndexOf('.'));
            }
        }
        return null;
    }

    private static boolean isHousekeeping(String thread) {
        return HOUSEKEEPING.contains(thread) || thread.startsWith("ForkJoinPool-") && thread.endsWith("delayScheduler");
    }
}
