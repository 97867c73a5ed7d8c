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

    /** "name=120ms,name=40ms" for the n busiest names other than our spinning threads. */
    static String top(Map<String, Long> before, Map<String, Long> after, int n) {
        List<Map.Entry<String, Long>> delta = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (!e.getKey().startsWith("busy-")) {
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
