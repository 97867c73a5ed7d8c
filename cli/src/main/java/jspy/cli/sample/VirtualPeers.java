package jspy.cli.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import jspy.cli.kernel.ThreadPeers;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.WaitTarget;

/**
 * Names the peers of unmounted virtual threads that wait on a socket (JDK 21+). Such a thread is in
 * no system call and has no OS thread: it is parked in {@code sun.nio.ch.Poller.poll}, its socket
 * armed in one of the JDK pollers' epolls. The kernel lists those registrations
 * ({@link ThreadPeers#virtualPeers()}), one per waiting virtual thread, but not which thread each
 * belongs to, and the JVM's thread dump names the threads but not their sockets. So a dump
 * window's virtual threads parked in {@code Poller.poll} with a socket or jdbc stack share the
 * peers that the pollers held meanwhile, in proportion: exact when they all wait on one peer (a
 * pool of virtual threads on one database), and otherwise each peer's share of the waits right but
 * not which thread waited on which (two groups on two servers each come out mixed in the same
 * proportion). More such threads than registrations: the rest are {@code peer ?}.
 * A socket or jdbc wait elsewhere (a future the JDK HttpClient's selector completes) is
 * {@code peer ?}, as it is for a platform thread; a selector's sockets never lend their peer.
 *
 * <p>The pollers are looked at only while dumps show such waiters, at random moments (100-300 ms
 * apart: a fixed gap could fall in step with a client's request cycle), on the kernel prober's thread.
 */
final class VirtualPeers {
    static final String POLLER_FRAME = "sun/nio/ch/Poller.poll";
    private static final long MEAN_GAP_NANOS = 200_000_000L;
    private static final long FIRST_ANSWER_NANOS = 3_000_000_000L;
    private static final long FORGET_NANOS = 10_000_000_000L;
    /** 50 s of looks: longer than the longest gap between two dumps (12 s) and its neighbours. */
    private static final int KEEP = 256;

    private final ThreadPeers kernel;
    private final long[] times = new long[KEEP];
    @SuppressWarnings("unchecked")
    private final Map<WaitTarget, Integer>[] counts = new Map[KEEP];
    private int next;
    private int size;
    /** Epoch nanos when a dump last showed a parked socket waiter, and when watching began; 0: never. */
    private volatile long lastSeen;
    private volatile long asked;
    private long nextProbe;

    VirtualPeers(ThreadPeers kernel) {
        this.kernel = kernel;
    }

    /** On the prober's thread: looks at the pollers when due; returns the files read (the budget's cost). */
    int probeDue(long now) {
        long seen = lastSeen;
        if (seen == 0 || epochNanos() - seen > FORGET_NANOS || now - nextProbe < 0) {
            return 0;
        }
        long at = epochNanos(); // stamped before the look, as WaitTargets.probeDue does
        List<String> peers = kernel.virtualPeers();
        Map<WaitTarget, Integer> c = new LinkedHashMap<>();
        if (peers != null) { // refused: an empty look, so the windows say peer ? rather than wait
            peers.forEach(p -> c.merge(WaitTarget.peer(p), 1, Integer::sum));
        }
        add(at, c);
        int files = kernel.pollerFiles();
        // JDK 25 makes min(2^floor(log2(cpus)), 32) read sub-pollers, one write sub-poller and the
        // master (DefaultPollerProvider): 4 epolls here (2 cores), 34 on 64. Each is a file read, as
        // costly as a thread's look, so the gap grows with them: at most half the prober's looks.
        long mean = Math.max(MEAN_GAP_NANOS, files * 2_000_000_000L / KernelProber.PER_SECOND);
        nextProbe = now + (long) (mean * (0.5 + ThreadLocalRandom.current().nextDouble()));
        return files;
    }

    /**
     * The dump window with a target on each socket and jdbc sample, or null while its first look
     * at the pollers is awaited (at most {@link #FIRST_ANSWER_NANOS}; never when last).
     */
    Window annotate(Window w, Function<StackSample, Bucket> bucket, boolean last) {
        List<StackSample> out = new ArrayList<>(w.samples());
        List<Integer> polled = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < out.size(); i++) {
            if (WaitTarget.kindOf(bucket.apply(out.get(i))) == WaitTarget.Kind.PEER) {
                any = true;
                if (out.get(i).frames().contains(POLLER_FRAME)) {
                    polled.add(i);
                } else {
                    out.set(i, out.get(i).withTarget(WaitTarget.UNKNOWN_PEER));
                }
            }
        }
        if (!any) {
            return w;
        }
        long now = epochNanos();
        if (!polled.isEmpty()) {
            if (lastSeen == 0 || now - lastSeen > FORGET_NANOS) {
                asked = now;
            }
            lastSeen = now;
            Map<WaitTarget, Double> shares = shares(w.startNanos(), w.endNanos(), polled.size());
            if (shares == null && !last && now - asked < FIRST_ANSWER_NANOS) {
                return null;
            }
            TargetMatch.Deficit deficit = shares == null ? null : new TargetMatch.Deficit(shares);
            // In a random order (seeded by the window: the same input names the same): handed out in
            // dump order, 6 pgjdbc and 3 Jedis threads came out 50/50 and 100% PostgreSQL (Temurin
            // 25.0.3), where each group should show the 2:1 mix the pollers held.
            Collections.shuffle(polled, new Random(w.startNanos()));
            for (int i : polled) {
                StackSample s = out.get(i);
                out.set(i, s.withTarget(deficit == null ? WaitTarget.UNKNOWN_PEER : deficit.next(s.weight())));
            }
        }
        return new Window(w.pid(), w.startNanos(), w.endNanos(), w.threads(), w.threadSeconds(), out, w.virtual());
    }

    /**
     * Each peer's mean count of registrations over the looks in the window (else within
     * {@link TargetMatch#NEAR_NANOS} of it), and {@code peer ?} for the waiters beyond them; null
     * with no look.
     */
    private synchronized Map<WaitTarget, Double> shares(long from, long to, int waiters) {
        Map<WaitTarget, Double> sums = new LinkedHashMap<>();
        int looks = sum(from, to, sums);
        if (looks == 0) {
            looks = sum(from - TargetMatch.NEAR_NANOS, to + TargetMatch.NEAR_NANOS, sums);
        }
        if (looks == 0) {
            return null;
        }
        Map<WaitTarget, Double> shares = new LinkedHashMap<>();
        double registered = 0;
        for (Map.Entry<WaitTarget, Double> e : sums.entrySet()) {
            shares.put(e.getKey(), e.getValue() / looks);
            registered += e.getValue() / looks;
        }
        shares.merge(WaitTarget.UNKNOWN_PEER, Math.max(0, waiters - registered), Double::sum);
        if (shares.values().stream().mapToDouble(Double::doubleValue).sum() == 0) {
            shares.put(WaitTarget.UNKNOWN_PEER, 1.0);
        }
        return shares;
    }

    private int sum(long from, long to, Map<WaitTarget, Double> sums) {
        int looks = 0;
        for (int j = 0; j < size; j++) {
            int at = (next - size + j + KEEP) % KEEP;
            if (times[at] >= from && times[at] <= to) {
                looks++;
                counts[at].forEach((t, n) -> sums.merge(t, (double) n, Double::sum));
            }
        }
        return looks;
    }

    private synchronized void add(long epochNanos, Map<WaitTarget, Integer> c) {
        times[next] = epochNanos;
        counts[next] = c;
        next = (next + 1) % KEEP;
        size = Math.min(size + 1, KEEP);
    }

    private static long epochNanos() {
        return System.currentTimeMillis() * 1_000_000;
    }
}
