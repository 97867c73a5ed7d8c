package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * A recording read back from jspy's collapsed output written with --threads: every line is
 * {@code [bucket];[target];[thread tid=N];frames count}, the wait target only on waits that name one.
 */
final class Recorded {
    /** thread name -> bucket -> samples */
    private final Map<String, Map<String, Long>> byThread = new TreeMap<>();
    /** thread name -> "bucket target" -> samples */
    private final Map<String, Map<String, Long>> targets = new TreeMap<>();

    Recorded(Path collapsed) throws IOException {
        this(collapsed, 1);
    }

    /** threadFrame: where the thread frame is (1, or 2 after a launch-mode process frame). */
    Recorded(Path collapsed, int threadFrame) throws IOException {
        for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            String[] frames = line.substring(0, space).split(";");
            String bucket = frames[0].substring(1, frames[0].length() - 1);
            boolean target = frames[1].startsWith("[") && !frames[1].contains(" tid=");
            int at = threadFrame + (target ? 1 : 0);
            String thread = frames[at].substring(1, frames[at].lastIndexOf(" tid="));
            long n = Long.parseLong(line.substring(space + 1));
            byThread.computeIfAbsent(thread, t -> new TreeMap<>()).merge(bucket, n, Long::sum);
            if (target) {
                targets.computeIfAbsent(thread, t -> new TreeMap<>()).merge(bucket + " " + frames[1], n, Long::sum);
            }
        }
    }

    /** Samples per "bucket [target]" over all threads whose name starts with prefix. */
    Map<String, Long> targets(String threadPrefix) {
        Map<String, Long> out = new TreeMap<>();
        targets.forEach((thread, byTarget) -> {
            if (thread.startsWith(threadPrefix)) {
                byTarget.forEach((t, n) -> out.merge(t, n, Long::sum));
            }
        });
        return out;
    }

    /** The share of the thread group's samples in bucket that name exactly this target frame. */
    double targetShare(String threadPrefix, String bucket, String targetFrame) {
        long inBucket = buckets(threadPrefix).getOrDefault(bucket, 0L);
        return inBucket == 0 ? 0 : (double) targets(threadPrefix).getOrDefault(bucket + " " + targetFrame, 0L) / inBucket;
    }

    /** Samples per bucket over all threads whose name starts with prefix. */
    Map<String, Long> buckets(String threadPrefix) {
        Map<String, Long> out = new TreeMap<>();
        byThread.forEach((thread, buckets) -> {
            if (thread.startsWith(threadPrefix)) {
                buckets.forEach((b, n) -> out.merge(b, n, Long::sum));
            }
        });
        return out;
    }

    long total(String threadPrefix) {
        return buckets(threadPrefix).values().stream().mapToLong(Long::longValue).sum();
    }

    double share(String threadPrefix, String bucket) {
        long total = total(threadPrefix);
        return total == 0 ? 0 : (double) buckets(threadPrefix).getOrDefault(bucket, 0L) / total;
    }

    boolean hasThread(String name) {
        return byThread.containsKey(name);
    }

    /** Parses the file as XML; throws if it is not well-formed. */
    static void assertWellFormedXml(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.newDocumentBuilder().parse(svg.toFile());
    }
}
