package jspy.cli.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Frame-name helpers shared by parsing and classification. */
public final class Frames {
    // Foo$$Lambda$8.0x00007f7744000c30 (JDK 17), Foo$$Lambda.0x0000000030043a28 (JDK 21+),
    // LambdaForm$MH.0x0000000800c0c400: hidden classes carry their address; drop it so that
    // stacks merge across runs and JVMs.
    /** The agent's own thread (async-profiler's sampler thread also takes its name): never shown. */
    public static final String OWN_THREAD = "[jspy-agent";
    private static final Pattern HIDDEN_CLASS = Pattern.compile("(\\$\\$Lambda)(?:\\$\\d+)?(?:[./]0x[0-9a-f]+)?|[./]0x[0-9a-f]{6,}");
    // async-profiler's "ann" suffixes: _[j] JIT, _[i] inlined, _[k] kernel, _[0] interpreted, _[1] C1.
    private static final Pattern ANNOTATION = Pattern.compile("_\\[[a-z0-9]\\]$");
    private static final Pattern PROCESS = Pattern.compile("pid \\d+: ");

    /** Frames recur in every refresh of top; the regular expression ran on each again (bench/, 10,000 threads). */
    private static final Map<String, Boolean> JAVA = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 200_000;

    /** With --lines a Java frame ends in its line number: com/acme/Parser.parse:42. */
    private static final Pattern JAVA_FRAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:/[\\w$]+)*\\.[\\w$<>-]+(?::\\d+)?");

    private Frames() {
    }

    public static String normalize(String frame) {
        String f = frame;
        if (f.indexOf("_[") > 0) {
            f = ANNOTATION.matcher(f).replaceFirst("");
        }
        if (f.indexOf("0x") > 0 || f.contains("$$Lambda")) {
            f = HIDDEN_CLASS.matcher(f).replaceAll("$1");
        }
        return f;
    }

    /**
     * The frames without --lines' {@code :LINE} suffixes: the rules match methods, not lines. The
     * same list when no frame has one (the default), so classifying costs nothing more.
     */
    public static List<String> withoutLines(List<String> frames) {
        List<String> out = null;
        for (int i = 0; i < frames.size(); i++) {
            String f = frames.get(i);
            int colon = lineSuffix(f);
            if (colon > 0 && out == null) {
                out = new ArrayList<>(frames);
            }
            if (colon > 0) {
                out.set(i, f.substring(0, colon));
            }
        }
        return out == null ? frames : out;
    }

    /** Where a Java frame's {@code :LINE} starts, or -1 (thread and process frames never end in digits after a colon). */
    private static int lineSuffix(String frame) {
        int colon = frame.lastIndexOf(':');
        if (colon <= 0 || colon == frame.length() - 1 || frame.charAt(colon - 1) == ':') {
            return -1; // none, or C++'s Class::method
        }
        for (int i = colon + 1; i < frame.length(); i++) {
            if (frame.charAt(i) < '0' || frame.charAt(i) > '9') {
                return -1;
            }
        }
        return colon;
    }

    /** A Java method frame such as {@code java/lang/Thread.run} (not C++, libc or a thread root). */
    public static boolean isJava(String frame) {
        Boolean known = JAVA.get(frame);
        if (known == null) {
            known = !frame.endsWith(".so") && JAVA_FRAME.matcher(frame).matches();
            if (JAVA.size() >= CACHE_LIMIT) {
                JAVA.clear(); // a bound, not an LRU, as in BucketRules
            }
            JAVA.put(frame, known);
        }
        return known;
    }

    /** A thread root frame as async-profiler's {@code threads} option writes it: [name tid=N]. */
    public static boolean isThread(String frame) {
        return frame.startsWith("[") && frame.endsWith("]") && frame.contains(" tid=");
    }

    /** A process root frame as launch mode writes it: pid 1234: com.acme.Main. */
    public static boolean isProcess(String frame) {
        return PROCESS.matcher(frame).lookingAt();
    }

    public static String processFrame(long pid, String mainClass) {
        return "pid " + pid + ": " + (mainClass == null || mainClass.isEmpty() ? "java" : mainClass);
    }

    /** The thread's name from its root frame. */
    public static String threadName(String frame) {
        int tid = frame.lastIndexOf(" tid=");
        return tid > 0 ? frame.substring(1, tid) : frame.substring(1, frame.length() - 1);
    }
}
