package jspy.cli.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The thread ids a JVM knows its threads by, as jspy's /proc knows them. async-profiler writes the
 * tid the thread sees (gettid), which in a container's PID namespace is not the host's:
 * {@code /proc/PID/task/TID/status} says both on its {@code NSpid:} line (the reader's namespace
 * first, the thread's own last). Outside a namespace the two are the same and nothing is read.
 */
final class TaskIds {
    /** Read again on a miss (a thread newer than the map) at most this often. */
    private static final long REREAD_NANOS = 1_000_000_000L;

    private final Path proc;
    private final boolean nested;
    private Map<Long, Long> hostByOwn = Map.of();
    private long readAt = System.nanoTime() - 2 * REREAD_NANOS;

    TaskIds(Path proc) {
        this.proc = proc;
        this.nested = nsPids(read(proc.resolve("status"))).length > 1;
    }

    /** The host tid of the thread the JVM calls tid, or -1 when no task has it. */
    long host(long tid) {
        if (!nested) {
            return tid;
        }
        Long host = hostByOwn.get(tid);
        if (host == null && System.nanoTime() - readAt >= REREAD_NANOS) {
            readAt = System.nanoTime();
            hostByOwn = readAll();
            host = hostByOwn.get(tid);
        }
        return host == null ? -1 : host;
    }

    private Map<Long, Long> readAll() {
        Map<Long, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                String[] ids = nsPids(read(task.resolve("status")));
                if (ids.length > 0) {
                    out.put(Long.parseLong(ids[ids.length - 1]), Long.parseLong(ids[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone; its windows end too
        }
        return out;
    }

    /** The NSpid line's ids, outermost first; empty when the line is missing (kernels before 4.1). */
    static String[] nsPids(String status) {
        if (status == null) {
            return new String[0];
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("NSpid:")) {
                return line.substring(6).trim().split("\\s+");
            }
        }
        return new String[0];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
