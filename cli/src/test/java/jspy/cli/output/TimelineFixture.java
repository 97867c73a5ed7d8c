package jspy.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import jspy.cli.profile.Timeline;
import jspy.cli.profile.WaitTarget;

/**
 * Hand-made recordings for the timeline's tests: events of named threads at given times, as the
 * sample stream hands them to the timeline (a thread frame, then the stack; batches of sleeping
 * samples as one event of weight N).
 */
public final class TimelineFixture {
    /** An epoch time in nanoseconds: 2023-11-14T22:13:20Z. */
    public static final long T0 = 1_700_000_000_000_000_000L;
    private final Timeline timeline = new Timeline();
    private final double hz;
    private String process;

    public TimelineFixture(double hz) {
        this.hz = hz;
    }

    /** Later threads run in this launch-mode process ({@code pid 12: Main}); null for none. */
    public TimelineFixture process(String processFrame) {
        this.process = processFrame;
        return this;
    }

    /** One event of weight n at a time in ms from T0. */
    public TimelineFixture event(String thread, double atMs, long n, Bucket bucket, WaitTarget target, String... stack) {
        List<String> frames = new ArrayList<>();
        if (process != null) {
            frames.add(process);
        }
        frames.add(thread);
        frames.addAll(List.of(stack));
        timeline.add(thread + process, T0 + Math.round(atMs * 1e6), new Sample(frames, bucket, 0, target), n);
        return this;
    }

    /** A sample every interval in [fromMs, toMs), as a running thread gives them. */
    public TimelineFixture every(String thread, double fromMs, double toMs, Bucket bucket, WaitTarget target,
                                 String... stack) {
        for (double t = fromMs; t < toMs - 1e-9; t += 1000 / hz) {
            event(thread, t, 1, bucket, target, stack);
        }
        return this;
    }

    /** Batches of a thread asleep in [fromMs, toMs), one a second (a window each), as async-profiler writes them. */
    public TimelineFixture asleep(String thread, double fromMs, double toMs, Bucket bucket, WaitTarget target,
                                  String... stack) {
        for (double t = fromMs; t < toMs - 1e-9; t += 1000) {
            event(thread, t, Math.round(Math.min(1000, toMs - t) * hz / 1000), bucket, target, stack);
        }
        return this;
    }

    public Profile profile(double seconds) {
        return new Profile(new TargetInfo(4242, "com.acme.Main", "17.0.15"), List.of(), seconds, hz, false, false, hz,
                timeline, List.of());
    }

    /** The profile written as the timeline page. */
    public static Path write(Profile profile, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            new HtmlFormat().write(profile, out);
        }
        return file;
    }

    /** A thread frame as async-profiler's {@code threads} option writes it. */
    public static String thread(String name, long tid) {
        return "[" + name + " tid=" + tid + "]";
    }
}
