package jspy.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jspy.cli.output.HtmlFormat;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import jspy.cli.profile.Timeline;
import jspy.cli.profile.WaitTarget;

/**
 * The timeline page's worst cases, beside bench/timeline's real recordings (whose spinning threads
 * keep one stack, so each is one run): every sample of every busy thread a new run, its stack
 * drawn from 3,000 distinct stacks 30 to 60 frames deep over a vocabulary of 9,000 methods, in
 * cpu, socket (with one of 20 peers), jdbc or lock. {@code busy.html}: 50 such threads for 10 s at 100 Hz (50,000 runs).
 * {@code many.html}: 1,000 threads for 60 s at 21.6 Hz (jspy's rate for 1,000 threads), 990 asleep
 * (a batch a second each) and 10 busy (12,960 runs).
 *
 * <p>Usage: {@code TimelinePages DIR}.
 */
public final class TimelinePages {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final Bucket[] BUSY = {Bucket.CPU, Bucket.SOCKET, Bucket.JDBC, Bucket.LOCK};

    private TimelinePages() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<List<String>> stacks = stacks(new Random(42), 3000);
        write(dir.resolve("busy.html"), profile(stacks, 50, 0, 10, 100));
        write(dir.resolve("many.html"), profile(stacks, 10, 990, 60, 21.6));
    }

    private static Profile profile(List<List<String>> stacks, int busy, int asleep, int seconds, double hz) {
        Random random = new Random(7);
        Timeline timeline = new Timeline();
        long step = Math.round(1e9 / hz);
        for (int t = 0; t < busy; t++) {
            String thread = "[worker-" + t + " tid=" + (100 + t) + "]";
            for (long at = 0; at < seconds * 1_000_000_000L; at += step) {
                Bucket b = BUSY[random.nextInt(BUSY.length)];
                WaitTarget target = b == Bucket.SOCKET ? WaitTarget.peer("10.0.0." + random.nextInt(20) + ":5432") : null;
                timeline.add(thread, T0 + at, sample(thread, stacks.get(random.nextInt(stacks.size())), b, target), 1);
            }
        }
        List<String> sleep = List.of("java/lang/Thread.run", "java/util/concurrent/ThreadPoolExecutor.getTask",
                "java/util/concurrent/LinkedBlockingQueue.take", "jdk/internal/misc/Unsafe.park");
        for (int t = 0; t < asleep; t++) {
            String thread = "[pool-1-thread-" + t + " tid=" + (10_000 + t) + "]";
            for (int s = 0; s < seconds; s++) {
                timeline.add(thread, T0 + s * 1_000_000_000L, sample(thread, sleep, Bucket.IDLE, null), Math.round(hz));
            }
        }
        return new Profile(new TargetInfo(1, "bench.Synthetic", "17"), List.of(), seconds, hz, false, false, hz, timeline,
                List.of());
    }

    private static Sample sample(String thread, List<String> stack, Bucket bucket, WaitTarget target) {
        List<String> frames = new ArrayList<>(stack.size() + 1);
        frames.add(thread);
        frames.addAll(stack);
        return new Sample(frames, bucket, 0, target);
    }

    /** Stacks sharing their roots as real ones do: a few entry points, then random callees. */
    private static List<List<String>> stacks(Random random, int n) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> s = new ArrayList<>(List.of("java/lang/Thread.run", "com/acme/Server" + random.nextInt(4) + ".handle"));
            int depth = 30 + random.nextInt(31);
            while (s.size() < depth) {
                s.add("com/acme/pkg" + random.nextInt(25) + "/Class" + random.nextInt(60) + ".method" + random.nextInt(6));
            }
            out.add(s);
        }
        return out;
    }

    private static void write(Path file, Profile profile) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            new HtmlFormat().write(profile, out);
        }
    }
}
