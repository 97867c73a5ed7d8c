package jspy.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per thread name of this process, native threads included (async-profiler's sampler is
 * not a Java thread), from /proc/self/task: it says where a profiler's cost goes.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** Clock ticks (utime + stime) summed per thread name; numbered names are folded together. */
    static Map<String, Long> byName() {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("\\d+", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.merge(name, ticks, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Spin's own threads: spinning, and the {@link Waiters}' (which would hide the profiler's threads). */
    private static final List<String> WORKLOAD = List.of("busy-", "socket-waiter-", "server-", "lock-");

    /** The profiler's threads: jspy's agent (async-profiler's sampler takes its starter's name) or a-p's alone. */
    private static final List<String> PROFILER = List.of("jspy-agent", "Attach Listener");

    /** CPU ns of the whole process (ended threads included) and of each live non-profiler thread, by tid. */
    record Ticks(long process, Map<String, Long> others) {
    }

    /**
     * In ns (schedstat's first field, and the process clock), not clock ticks: 300 threads' 10 ms
     * ticks, each rounded, would blur the sum by about half a percent of a core over 10 s.
     */
    static Ticks ticks() {
        Map<String, Long> others = new HashMap<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (!PROFILER.contains(comm)) {
                        String ns = Files.readString(task.resolve("schedstat"));
                        others.put(task.getFileName().toString(), Long.parseLong(ns.substring(0, ns.indexOf(' '))));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new Ticks(process, others);
        }
        // The walk takes tens of ms while 300 threads run: its midpoint is when the threads were read, on average.
        return new Ticks((process + os.getProcessCpuTime()) / 2, others);
    }

    /**
     * CPU ms of the profiler's threads (the agent, wait targets' looks included, and the sampler):
     * the process's CPU less every other thread's, by tid, because jspy's agent restarts
     * async-profiler and a sampler thread that ends takes its time out of /proc/self/task (a sum
     * by name went negative for top, 2026-12-07).
     */
    static double profilerMillis(Ticks before, Ticks after) {
        long others = 0;
        for (Map.Entry<String, Long> e : after.others().entrySet()) {
            others += e.getValue() - before.others().getOrDefault(e.getKey(), 0L);
        }
        return (after.process() - before.process() - others) / 1e6;
    }

    /** "name=120ms,name=40ms" for the n busiest names other than Spin's workload threads. */
    static String top(Map<String, Long> before, Map<String, Long> after, int n) {
        List<Map.Entry<String, Long>> delta = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (WORKLOAD.stream().noneMatch(e.getKey()::startsWith)) {
                delta.add(Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)));
            }
        }
        delta.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(n, delta.size()); i++) {
            if (delta.get(i).getValue() <= 0) {
                break;
            }
            out.append(i == 0 ? "" : ",").append(delta.get(i).getKey().replace(' ', '_')).append('=')
                    .append(delta.get(i).getValue() * 10).append("ms");
        }
        return out.length() == 0 ? "-" : out.toString();
    }
}
