package jspy.cli.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples in time order, per thread, for outputs that show when things happened (speedscope).
 * Stacks are stored once and referred to by index; each thread keeps parallel arrays of
 * (time offset, stack, weight), about 16 bytes a sample event.
 */
public final class Timeline {
    /** One thread's events; {@code key} names the thread (and its process in launch mode). */
    public static final class Track {
        private final String name;
        private long[] nanos = new long[16];
        private int[] stacks = new int[16];
        private long[] weights = new long[16];
        private int size;

        Track(String name) {
            this.name = name;
        }

        void add(long time, int stack, long weight) {
            if (size == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, size * 2);
                stacks = java.util.Arrays.copyOf(stacks, size * 2);
                weights = java.util.Arrays.copyOf(weights, size * 2);
            }
            nanos[size] = time;
            stacks[size] = stack;
            weights[size] = weight;
            size++;
        }

        public String name() {
            return name;
        }

        public int size() {
            return size;
        }

        public long nanos(int i) {
            return nanos[i];
        }

        public int stack(int i) {
            return stacks[i];
        }

        public long weight(int i) {
            return weights[i];
        }
    }

    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final List<Sample> stacks = new ArrayList<>();
    private final Map<Sample, Integer> ids = new java.util.HashMap<>();
    private long start = Long.MAX_VALUE;

    /** Adds an event of thread {@code thread} for {@code sample} (its frames and bucket). */
    public void add(String thread, long nanos, Sample sample, long weight) {
        Integer id = ids.get(sample);
        if (id == null) {
            id = stacks.size();
            stacks.add(sample);
            ids.put(sample, id);
        }
        tracks.computeIfAbsent(thread, Track::new).add(nanos, id, weight);
        start = Math.min(start, nanos);
    }

    public List<Track> tracks() {
        return new ArrayList<>(tracks.values());
    }

    /** Stack i (count unused: a track's weight counts). */
    public Sample stack(int i) {
        return stacks.get(i);
    }

    public long startNanos() {
        return start == Long.MAX_VALUE ? 0 : start;
    }
}
