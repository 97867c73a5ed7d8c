package jspy.cli.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.BucketRules;
import jspy.cli.profile.Frames;

/**
 * Classifies a dumped thread with the same rules table as recorded samples. A dump has Java
 * frames only, and the rules recognise some waits by the native frame a sampler sees under the
 * Java ones. The one pre-step: the JVM's thread state stands in for that native leaf.
 *
 * <ul>
 *   <li>BLOCKED (entering a contended {@code synchronized}) adds {@code ObjectMonitor::enter}:
 *       lock. Without it the stack ends in the application method that holds the
 *       {@code synchronized} block and would read as cpu.</li>
 *   <li>WAITING and TIMED_WAITING add {@code Parker::park}, which the rules treat as a bare park:
 *       idle, unless a Java frame names what the thread waits for (a lock, a socket, a queue).</li>
 *   <li>RUNNABLE without a single Java frame (Signal Dispatcher, Notification Thread: JVM service
 *       threads that run only VM code) adds {@code Monitor::wait}: idle. A dump cannot tell
 *       such a thread at work from waiting, and it nearly always waits.</li>
 *   <li>Other RUNNABLE threads add nothing: frames decide (socket read0, EPoll.wait, file
 *       I/O...). A thread waiting inside some other native method (Reference Handler in
 *       waitForReferencePendingList) is RUNNABLE to Java and so shows as cpu, as jstack calls
 *       it runnable.</li>
 * </ul>
 */
final class DumpBuckets {
    static final String BLOCKED_LEAF = "ObjectMonitor::enter";
    static final String WAITING_LEAF = "Parker::park";
    static final String SERVICE_LEAF = "Monitor::wait";

    private DumpBuckets() {
    }

    static Bucket classify(String name, long id, String state, List<StackFrame> leafFirst) {
        return BucketRules.classify(ruleFrames(name, id, state, leafFirst), Set.of());
    }

    /** Root first, as the rules read: the thread frame, the Java frames, the state's leaf. */
    static List<String> ruleFrames(String name, long id, String state, List<StackFrame> leafFirst) {
        List<String> frames = new ArrayList<>(leafFirst.size() + 2);
        frames.add("[" + name + " tid=" + id + "]");
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            frames.add(Frames.normalize(leafFirst.get(i).ruleFrame()));
        }
        if ("BLOCKED".equals(state)) {
            frames.add(BLOCKED_LEAF);
        } else if ("WAITING".equals(state) || "TIMED_WAITING".equals(state)) {
            frames.add(WAITING_LEAF);
        } else if ("RUNNABLE".equals(state) && leafFirst.isEmpty()) {
            frames.add(SERVICE_LEAF);
        }
        return frames;
    }
}
