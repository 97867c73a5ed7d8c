package jspy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.management.ObjectName;

/**
 * The CPU-bound target for the overhead figures. Prints nothing: everything goes to files.
 *
 * <p>Timeline: start {@code busy} spinning threads and {@code idle} parked threads, measure the
 * baseline memory, create {@code ready}; wait until the harness creates {@code go} (after the
 * profiler has attached), warm up, count operations for {@code measure} seconds, then write
 * ops/s and the memory figures to {@code out} and exit.
 *
 * <p>Usage: {@code Spin BUSY IDLE WARMUP_S MEASURE_S DIR [SOCKET_WAITERS [LOCK_WAITERS]]} (ready, go
 * and out are files in DIR; the waiters, none by default, are {@link Waiters}).
 */
public final class Spin {
    /** One padded slot per busy thread so that counters never share a cache line. */
    private static final int STRIDE = 16;

    private static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int busy = Integer.parseInt(args[0]);
        int idle = Integer.parseInt(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double measure = Double.parseDouble(args[3]);
        Path dir = Path.of(args[4]);
        Waiters.start(args.length > 5 ? Integer.parseInt(args[5]) : 0, args.length > 6 ? Integer.parseInt(args[6]) : 0);

        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < idle; i++) {
            Thread t = new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // exit
                }
            }, "idle-" + i);
            t.setDaemon(true);
            t.start();
        }
        AtomicLongArray ops = new AtomicLongArray(busy * STRIDE);
        for (int i = 0; i < busy; i++) {
            int slot = i * STRIDE;
            Thread t = new Thread(() -> spin(ops, slot), "busy-" + i);
            t.setDaemon(true);
            t.start();
        }

        Memory before = Memory.now();
        Files.writeString(dir.resolve("ready"), "");
        Path go = dir.resolve("go");
        long waitUntil = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        Thread.sleep((long) (warmup * 1000));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.util.Map<String, Long> threads0 = ThreadCpu.byName();
        ThreadCpu.Ticks ticks0 = ThreadCpu.ticks();
        long start = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        long first = sum(ops);
        Thread.sleep((long) (measure * 1000));
        long last = sum(ops);
        long cpu1 = os.getProcessCpuTime();
        long end = System.nanoTime();
        ThreadCpu.Ticks ticks1 = ThreadCpu.ticks(); // while the busy threads live: their time leaves with them
        running = false;
        java.util.Map<String, Long> threads1 = ThreadCpu.byName();
        double opsPerSec = (last - first) / ((end - start) / 1e9);
        // Per CPU-second of the whole process (signal handlers and profiler threads included): a
        // figure that other load on the machine does not move, unlike ops per wall second.
        double opsPerCpuSec = (last - first) / ((cpu1 - cpu0) / 1e9);
        Memory after = Memory.now();

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ops_per_s %.1f%n", opsPerSec));
        out.append(String.format(Locale.ROOT, "ops_per_cpu_s %.1f%n", opsPerCpuSec));
        out.append(String.format(Locale.ROOT, "cpu_cores %.3f%n", (cpu1 - cpu0) / (double) (end - start)));
        before.append(out, "before");
        after.append(out, "after");
        out.append("agent_classes_bytes ").append(agentClassBytes()).append('\n');
        out.append("top_threads ").append(ThreadCpu.top(threads0, threads1, 3)).append('\n');
        out.append(String.format(Locale.ROOT, "profiler_threads_pct %.2f%n",
                ThreadCpu.profilerMillis(ticks0, ticks1) / 10.0 / ((end - start) / 1e9)));
        Path tmp = dir.resolve("out.tmp");
        Files.writeString(tmp, out);
        Files.move(tmp, dir.resolve("out"));
        System.exit(0);
    }

    private static void spin(AtomicLongArray ops, int slot) {
        long x = slot + 1;
        while (running) {
            // A little integer work per operation: xorshift, never optimised away (it is published).
            for (int i = 0; i < 1000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            ops.lazySet(slot, ops.get(slot) + 1);
            if (x == 42) {
                System.out.print(""); // keeps x live
            }
        }
    }

    private static long sum(AtomicLongArray ops) {
        long n = 0;
        for (int i = 0; i < ops.length(); i += STRIDE) {
            n += ops.get(i);
        }
        return n;
    }

    /**
     * Bytes held by instances of the agent's and async-profiler's Java classes, from the class
     * histogram (which runs a full GC first: only after measuring).
     */
    private static long agentClassBytes() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            long bytes = 0;
            for (String line : text.toString().split("\n")) {
                if (line.contains(" jspy.agent.") || line.contains(" one.profiler.")) {
                    String[] f = line.trim().split("\\s+");
                    bytes += Long.parseLong(f[2]);
                }
            }
            return bytes;
        } catch (Exception e) {
            return -1;
        }
    }

    /** RSS and heap now; the heap figure is taken after a full GC so it is what is retained. */
    private record Memory(long rssKb, long hwmKb, long heapUsed) {
        static Memory now() throws IOException {
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heap = mem.getHeapMemoryUsage().getUsed();
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
            return new Memory(rss, hwm, heap);
        }

        private static long kb(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }

        void append(StringBuilder out, String when) {
            out.append("rss_kb_").append(when).append(' ').append(rssKb).append('\n');
            out.append("hwm_kb_").append(when).append(' ').append(hwmKb).append('\n');
            out.append("heap_bytes_").append(when).append(' ').append(heapUsed).append('\n');
        }
    }

    private Spin() {
    }
}
