package jspy.cli.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jspy.cli.attach.AgentDir;
import jspy.cli.kernel.Syscall;
import jspy.cli.kernel.ThreadPeers;
import jspy.cli.profile.BucketRules;
import jspy.cli.profile.WaitTarget;

/**
 * Names what the waits of one JVM wait on. Samples come from async-profiler, which knows nothing
 * of sockets or lock owners; so an independent snapshot sampler looks at the threads that the
 * samples show waiting, and each sample takes a target from its thread's snapshots
 * ({@link TargetMatch}):
 * <ul>
 * <li>a socket's peer (socket and jdbc samples) from the kernel, read by {@link KernelProber}
 * where the kernel lets jspy (root, or the target's user where Yama allows), else by the agent
 * from /proc/self;</li>
 * <li>a lock and its owner (lock samples) from the JVM, through the agent;</li>
 * <li>a pool (pool samples) from the frames alone.</li>
 * </ul>
 * Only threads seen waiting are looked at, so the many idle threads of a large service cost
 * nothing: the kernel's syscall file costs 13–27 µs a thread even kept open (1,000 threads, this
 * machine). A window whose new waiters have had no snapshot yet is held until one comes, for at
 * most {@link #FIRST_ANSWER_NANOS}; the last window never waits. Samples whose thread no snapshot
 * saw near their time say {@code peer ?} or {@code lock ?}.
 */
final class WaitTargets implements AutoCloseable {
    private static final long FIRST_ANSWER_NANOS = 3_000_000_000L;
    private static final int FIRST_LOOKS = 8;
    /** A thread with no wait sample for this long is no longer looked at. */
    private static final long FORGET_NANOS = 10_000_000_000L;
    /**
     * -Djspy.waits=off: no thread is watched, so no sample names a target; the bench's "without
     * targets" runs, and a way out should a kernel or JVM misbehave under the looks.
     */
    private static final boolean OFF = "off".equals(System.getProperty("jspy.waits"));

    private final AgentDir dir;
    private final ThreadPeers kernel;
    private final Map<Long, Long> javaIds;
    private final long intervalNanos;
    private final Map<Long, WatchedThread> watched = new ConcurrentHashMap<>();
    private final Map<Long, WatchedThread> byJavaId = new ConcurrentHashMap<>();
    private final WaitKinds waitKinds;
    private final VirtualPeers virtualPeers;
    private String watchList = "";
    /** The time of the newest agent answer taken. */
    private long agentMillis;
    /** A thread was seen in a socket read; a look named a peer (on the prober's thread too). */
    private volatile boolean peersAsked;
    private volatile boolean peersNamed;

    private record Group(long tid, WaitTarget.Kind kind) {
    }

    WaitTargets(long pid, AgentDir dir, Map<Long, Long> javaIds, long intervalNanos) {
        this(dir, new ThreadPeers(pid), javaIds, intervalNanos);
        KernelProber.register(this);
    }

    /** For tests: nothing probes by itself; {@link #probeDue} does when called. */
    WaitTargets(AgentDir dir, ThreadPeers kernel, Map<Long, Long> javaIds, long intervalNanos) {
        this.dir = dir;
        this.waitKinds = new WaitKinds(dir);
        this.kernel = kernel;
        this.javaIds = javaIds;
        this.intervalNanos = intervalNanos;
        this.virtualPeers = new VirtualPeers(kernel);
    }

    /** Learns from a new window which threads wait on what; new socket waiters are looked at first. */
    void watch(Window w) {
        if (OFF) {
            return;
        }
        watched.values().forEach(t -> t.events = 0);
        long epoch = System.currentTimeMillis() * 1_000_000;
        WaitKinds.Kinds kinds = waitKinds.classify(w);
        for (int i = 0; i < kinds.kind().length; i++) {
            StackSample s = w.samples().get(i);
            WaitTarget.Kind kind = kinds.kind()[i];
            if (kind == null || kind == WaitTarget.Kind.POOL) {
                continue;
            }
            WatchedThread t = watched.computeIfAbsent(s.tid(), WatchedThread::new);
            if (!peersAsked && kind == WaitTarget.Kind.PEER && !kinds.parked()[i]) {
                peersAsked = true;
            }
            t.events++;
            t.javaId = javaIds.get(s.tid());
            t.lastWaitNanos = Math.max(t.lastWaitNanos, end(s));
            if (kind == WaitTarget.Kind.PEER && !t.peers) {
                t.askedPeerEpochNanos = epoch;
                t.peers = true; // nextProbe is 0: looked at first
            } else if (kind == WaitTarget.Kind.LOCK && !t.locks) {
                t.askedLockEpochNanos = epoch;
                t.locks = true;
            }
        }
        long now = System.nanoTime();
        watched.values().forEach(t -> t.reschedule(now));
        watched.values().removeIf(t -> t.lastWaitNanos < w.endNanos() - FORGET_NANOS);
        kernel.retain(watched.keySet());
        tellAgent();
    }

    /** Reads the agent's newest snapshot, if it changed. */
    void poll() {
        if (!watched.isEmpty()) {
            String answer = dir.waits();
            if (answer != null) {
                agentMillis = AgentWaits.parse(answer, agentMillis, this::lockSnapshot, this::syscallSnapshot);
            }
        }
    }

    /** On the prober's thread: looks at up to max due socket waiters, most overdue first; returns how many. */
    int probeDue(long now, int max) {
        if (max <= 0 || kernel.denied()) {
            return 0;
        }
        List<WatchedThread> due = new ArrayList<>();
        for (WatchedThread t : watched.values()) {
            if (t.peers && t.nextProbe - now <= 0) {
                due.add(t);
            }
        }
        due.sort(Comparator.comparingLong(t -> t.nextProbe));
        int n = Math.min(max, due.size());
        for (int i = 0; i < n; i++) {
            WatchedThread t = due.get(i);
            // Stamped before the look: its syscall file is read first, and the rest (the fd, the
            // socket tables) can take hundreds of ms on a loaded machine (330-400 ms at load 60).
            long at = System.currentTimeMillis() * 1_000_000;
            t.addLook(at, named(kernel.peer(t.tid)));
            t.probed(System.nanoTime());
        }
        return n;
    }

    /** On the prober's thread: looks at the JDK pollers' sockets when due (virtual threads); returns its cost. */
    int probePollers(long now, int max) {
        return max <= 0 || OFF ? 0 : virtualPeers.probeDue(now);
    }

    /**
     * The window with each wait sample's target, or null while it waits for a first snapshot of
     * one of its threads (never when last: the agent has stopped). A dump's virtual threads take
     * theirs from the pollers ({@link VirtualPeers}).
     */
    Window annotate(Window w, boolean last) {
        if (OFF) {
            return w; // no target frames at all, as before targets: not a `[peer ?]` on every wait
        }
        if (w.virtual()) {
            return virtualPeers.annotate(w, waitKinds::bucket, last);
        }
        List<StackSample> out = new ArrayList<>(w.samples());
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        WaitKinds.Kinds kinds = waitKinds.of(w);
        for (int i = 0; i < out.size(); i++) {
            StackSample s = out.get(i);
            WaitTarget.Kind kind = kinds.kind()[i];
            if (kind == WaitTarget.Kind.POOL) {
                out.set(i, s.withTarget(WaitTarget.pool(BucketRules.poolClass(s.frames()))));
            } else if (kind != null) {
                groups.computeIfAbsent(new Group(s.tid(), kind), g -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Group, List<Integer>> g : groups.entrySet()) {
            WaitTarget.Kind kind = g.getKey().kind();
            WatchedThread t = watched.get(g.getKey().tid());
            if (t != null && !last && waitingForFirst(t, kind)) {
                return null;
            }
            name(out, g.getValue(), t, kind, w, kinds.parked());
        }
        waitKinds.forget(w);
        return new Window(w.pid(), w.startNanos(), w.endNanos(), w.threads(), w.threadSeconds(), out, w.virtual());
    }

    private void name(List<StackSample> out, List<Integer> at, WatchedThread t, WaitTarget.Kind kind, Window w,
                      boolean[] isParked) {
        List<StackSample> samples = new ArrayList<>();
        List<Boolean> parked = new ArrayList<>();
        for (int i : at) {
            samples.add(out.get(i));
            parked.add(isParked[i]);
        }
        List<WaitTarget> targets = t == null ? null : new TargetMatch(t.snapshots(), kind, intervalNanos)
                .match(samples, parked, w.startNanos(), w.endNanos());
        for (int k = 0; k < samples.size(); k++) {
            WaitTarget target = targets == null ? null : targets.get(k);
            out.set(at.get(k), samples.get(k).withTarget(target != null ? target
                    : kind == WaitTarget.Kind.PEER ? WaitTarget.UNKNOWN_PEER : WaitTarget.UNKNOWN_LOCK));
        }
    }

    /**
     * A thread first seen waiting, with too few snapshots of that kind yet: its window waits, a
     * while. Its first window has no snapshot inside (the thread is asked about once the window is
     * read), so the looks after it share it out: one look gave a thread alternating 20 ms requests
     * to C and D a whole window on one peer, 19% of a 6 s recording (JDK 25, 10-18 pp off). A
     * thread of many waits, which may change target, waits for {@link #FIRST_LOOKS}; one blocked
     * all along for one.
     */
    private static boolean waitingForFirst(WatchedThread t, WaitTarget.Kind kind) {
        long asked = kind == WaitTarget.Kind.PEER ? t.askedPeerEpochNanos : t.askedLockEpochNanos;
        return asked != 0 && System.currentTimeMillis() * 1_000_000 - asked < FIRST_ANSWER_NANOS
                && t.looksSince(kind, asked) < (t.events > 2 ? FIRST_LOOKS : 1);
    }

    private void lockSnapshot(long epochMillis, long javaId, String lockClass, String owner) {
        WatchedThread t = byJavaId.get(javaId);
        if (t != null) {
            t.add(epochMillis * 1_000_000, WaitTarget.lock(lockClass, owner));
        }
    }

    private void syscallSnapshot(long epochMillis, long tid, String call, int atFirstArgument) {
        WatchedThread t = watched.get(tid);
        if (t != null) {
            t.add(epochMillis * 1_000_000, named(kernel.peer(Syscall.parse(call), atFirstArgument)));
        }
    }

    private WaitTarget named(String peer) {
        peersNamed |= peer != null;
        return WaitTarget.peer(peer);
    }

    /**
     * Why no socket read of this recording could be named, for its summary line; null when one
     * was, or none was asked for (a client waiting on a future is no reason for a note).
     */
    String peersUnavailable() {
        if (OFF) {
            return "wait targets off (-Djspy.waits=off): no peer or lock is named";
        }
        if (!peersAsked || peersNamed || !kernel.denied()) {
            return null;
        }
        return "peers unavailable: " + kernel.refusal() + ", and the agent named none "
                + "(hint: run jspy as root or as the JVM's user)";
    }

    /** Writes the agent's watch list when it changed: lock waiters by Java id, socket waiters if the kernel refused us. */
    private void tellAgent() {
        StringBuilder list = new StringBuilder();
        byJavaId.clear();
        for (WatchedThread t : watched.values()) {
            if (t.locks && t.javaId != null) {
                list.append("L ").append(t.javaId).append('\n');
                byJavaId.put(t.javaId, t);
            }
            if (t.peers && kernel.denied()) {
                list.append("S ").append(t.tid).append('\n');
            }
        }
        if (!list.toString().equals(watchList)) {
            watchList = list.toString();
            dir.watch(watchList);
        }
    }

    /**
     * The last moment a sample stands for: async-profiler writes the samples of a thread that
     * stayed asleep as one event at the first of them, carrying their count (wallClock.cpp, v4.5:
     * start_time and a time span that jfr-converter 4.5 reads past), one interval apart.
     */
    private long end(StackSample s) {
        return s.nanos() + s.weight() * intervalNanos;
    }

    @Override
    public void close() {
        KernelProber.unregister(this);
        kernel.close();
    }
}
