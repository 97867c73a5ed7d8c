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

    /**
     * CPU ms of the profiler's threads in the target: {@code jspy-agent} (jspy's agent, wait targets'
     * looks included, and async-profiler's sampler, which takes its starter's name) and
     * {@code Attach Listener} (async-profiler's sampler when loaded alone).
     */
    static long profilerMillis(Map<String, Long> before, Map<String, Long> after) {
        long ticks = 0;
        for (String name : List.of("jspy-agent", "Attach Listener")) {
            ticks += after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
        }
        return ticks * 10;
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
