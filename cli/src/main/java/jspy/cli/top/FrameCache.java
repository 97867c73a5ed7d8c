package jspy.cli.top;

import java.util.HashMap;
import java.util.Map;

/**
 * What top makes of a frame string, worked out once: the same frames come back in every window.
 * A cache, not a record: cleared past a bound, for a session of days on generated code.
 */
final class FrameCache {
    private static final int MAX = 200_000;
    private final Map<String, String> functions = new HashMap<>();
    private final Map<String, ThreadId> threads = new HashMap<>();

    /** Tally.name of a stack frame. */
    String function(String frame) {
        if (functions.size() > MAX) {
            functions.clear();
        }
        return functions.computeIfAbsent(frame, Tally::name);
    }

    /** The thread of a root frame. */
    ThreadId thread(String frame) {
        if (threads.size() > MAX) {
            threads.clear();
        }
        return threads.computeIfAbsent(frame, ThreadId::of);
    }
}
