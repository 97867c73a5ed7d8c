package jspy.agent;

import java.io.File;

/**
 * Samples unmounted virtual threads (JDK 21+): a parked virtual thread has no carrier, so a
 * wall-clock sampler never sees it; the JVM's JSON thread dump does. One dump per period at
 * most, spaced out so that dumping takes at most 1% of one core (with 10,000 virtual threads a
 * dump holds 10,000 stacks). 2% was too much: the JSON the JVM builds for a dump is garbage in the
 * target, and its collection is not in the dump's own time. bench/vthreads (JDK 25, all cores busy,
 * 10,000 parked virtual threads, 2026-11-30): at 2%, one dump every 1.7 s, the target kept
 * 0.930-0.996 of its throughput per CPU-second (median 0.983) against async-profiler alone's
 * 0.984-1.012 (median 1.001).
 */
final class VirtualThreadDumps {
    private final Channel channel;
    private final long periodMillis;
    private long last;
    private long next;
    private int seq;

    private VirtualThreadDumps(Channel channel, long periodMillis, long now) {
        this.channel = channel;
        this.periodMillis = periodMillis;
        this.last = now;
        this.next = now + periodMillis;
    }

    /** Null before JDK 21 (no virtual threads, no JSON dump). */
    static VirtualThreadDumps create(Channel channel, long periodMillis, long now) {
        try {
            Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Class.forName("java.lang.Thread").getMethod("isVirtual");
            return new VirtualThreadDumps(channel, periodMillis, now);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    void maybeDump(long now) {
        if (now >= next) {
            dumpNow(now);
        }
    }

    void dumpNow(long now) {
        File tmp = channel.file(Protocol.VTHREADS_PREFIX + "tmp");
        tmp.delete(); // dumpThreads refuses an existing file
        long started = System.nanoTime();
        String failed = ThreadDump.virtualThreads(tmp);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        long end = System.currentTimeMillis();
        if (failed == null && tmp.renameTo(channel.file(name(++seq, last, end)))) {
            deleteOld();
        } else {
            tmp.delete();
        }
        last = end;
        next = now + Math.max(periodMillis, 100 * tookMillis);
    }

    private void deleteOld() {
        String prefix = Protocol.VTHREADS_PREFIX + (seq - Protocol.VTHREADS_KEEP) + "-";
        String[] names = channel.file("").list();
        if (names == null) {
            return;
        }
        for (String n : names) {
            if (n.startsWith(prefix)) {
                channel.file(n).delete();
            }
        }
    }

    static String name(int seq, long from, long to) {
        return Protocol.VTHREADS_PREFIX + seq + "-" + from + "-" + to + Protocol.VTHREADS_SUFFIX;
    }
}
