package jspy.cli.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads collapsed stacks ({@code a;b;c 42}), the format every module speaks. */
public final class Collapsed {
    /** The agent's own thread (async-profiler's sampler thread also takes its name): never shown. */
    public static final String OWN_THREAD = "[jspy-agent";

    /** Identical stacks (after normalizing) merged, in order of first appearance. */
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    /** Normalizes, merges identical stacks, and classifies each once. Malformed lines are skipped. */
    public static List<Sample> parse(String text, Set<String> jdbcClasses) {
        Collapsed c = new Collapsed();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            c.add(text, start, end);
            start = end + 1;
        }
        return c.samples(jdbcClasses, null);
    }

    /** Adds one line ({@code a;b;c 42}); a line that is not one is skipped. */
    public void addLine(String line) {
        add(line, 0, line.length());
    }

    private void add(String text, int start, int end) {
        while (end > start && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        int space = text.lastIndexOf(' ', end - 1);
        if (space <= start || text.startsWith(OWN_THREAD, start)) {
            return;
        }
        try {
            long n = Long.parseLong(text.substring(space + 1, end));
            counts.computeIfAbsent(normalize(text.substring(start, space)), k -> new long[1])[0] += n;
        } catch (NumberFormatException ignored) {
            // not a collapsed line
        }
    }

    /**
     * The merged stacks as samples, each classified once, or all given {@code bucket} when the
     * input already said (jspy's own {@code [socket];...} lines).
     */
    public List<Sample> samples(Set<String> jdbcClasses, Bucket bucket) {
        List<Sample> samples = new ArrayList<>(counts.size());
        Map<String, String> names = new HashMap<>(); // one String per distinct frame, not per stack
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            String[] split = e.getKey().split(";");
            for (int i = 0; i < split.length; i++) {
                split[i] = names.computeIfAbsent(split[i], n -> n);
            }
            List<String> frames = Arrays.asList(split);
            samples.add(new Sample(frames, bucket != null ? bucket : BucketRules.classify(frames, jdbcClasses),
                    e.getValue()[0]));
        }
        return samples;
    }

    private static String normalize(String stack) {
        if (stack.indexOf("0x") < 0 && stack.indexOf("_[") < 0 && !stack.contains("$$Lambda")) {
            return stack;
        }
        StringBuilder out = new StringBuilder(stack.length());
        for (String frame : stack.split(";")) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(Frames.normalize(frame));
        }
        return out.toString();
    }
}
