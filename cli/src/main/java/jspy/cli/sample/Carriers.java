package jspy.cli.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Frames;

/**
 * Gives a carrier's samples to the virtual thread it runs. What the parts say:
 * <ul>
 * <li>async-profiler 4.5 knows nothing of virtual threads: a wall sample is the OS thread's (the
 * JFR {@code sampledThread} is the carrier, {@code javaThreadId} the carrier's Thread id, from
 * {@code Profiler::updateThreadName}), and its stack walker stops at continuation barriers
 * ({@code stackWalker.cpp}: "Walking past virtual thread continuation barriers is not currently
 * supported"). A mounted virtual thread's stack therefore sits on top of the carrier's: {@code
 * ForkJoinWorkerThread.run;…;VirtualThread.runContinuation;Continuation.run;Continuation.enterSpecial;
 * Continuation.enter;Continuation.enter0;VirtualThread$VThreadContinuation$1.run;VirtualThread.run;…}
 * (recorded on Temurin 25.0.3).</li>
 * <li>JDK 25's JSON thread dump names a mounted virtual thread's carrier ({@code "carrier": "23"},
 * the carrier's Thread id; {@code ThreadDumper.java}: "thread identifier of carrier, when
 * mounted"). JDK 21-24 dumps do not.</li>
 * </ul>
 * So a carrier sample inside {@code VirtualThread.run} is cut to start there (as the dumps' stacks
 * do) and named after the newest dump's virtual thread mounted on that carrier, when that thread's
 * outermost own frame is on the sample's stack (it may have unmounted since: a dump comes every
 * 1-12 s); else {@code [virtual@ForkJoinPool-1-worker-1 tid=CARRIER virtual]}, after the JDK's own
 * {@code VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1}, never the bare carrier.
 *
 * <p>No virtual thread is counted twice: dumps weigh only unmounted ones ({@code VirtualDump}),
 * carrier samples only mounted ones. One that is mounted a fraction f of the time gets f from the
 * carriers and, in expectation, 1 - f from the dumps, since a dump is one instant.
 */
final class Carriers {
    static final String ENTRY = "java/lang/VirtualThread.run";

    /**
     * A mounted virtual thread of the newest dump; root: its outermost frame above VirtualThread.run;
     * frames: all of them, to recognise a stack cut short at a continuation barrier.
     */
    record Mounted(long id, String name, String root, Set<String> frames) {
        boolean runs(List<String> own, boolean cut) {
            return cut ? own.size() > 2 && frames.contains(own.get(2)) : own.contains(root);
        }
    }

    private final Map<String, String> interned;
    private Map<Long, Mounted> byCarrier = Map.of();

    Carriers(Map<String, String> interned) {
        this.interned = interned;
    }

    /** The newest dump (JDK 21+ JSON) replaces what was known of the mounted virtual threads. */
    void update(String json) {
        // JDK 21-24 name no carrier: nothing to learn, and no second parse of a dump of 10,000 threads.
        byCarrier = json.contains("\"carrier\"") ? mounted(json) : Map.of();
    }

    /**
     * The sample as its virtual thread's when the carrier ran one (its stack holds VirtualThread.run),
     * else the sample itself. carrierId: the carrier's Thread id as the JFR chunk says it, or null.
     */
    StackSample attribute(StackSample s, Long carrierId) {
        List<String> frames = s.frames();
        boolean cut = frames.size() > 1 && isBarrier(frames.get(1));
        int entry = cut ? 1 : frames.indexOf(ENTRY);
        if (entry < 0) {
            return s;
        }
        List<String> own = frames.subList(entry, frames.size());
        if (cut) { // VirtualThread.run, then the barrier frame says where the stack was cut
            own = FrameNames.withRoot(ENTRY, own);
        }
        Mounted m = carrierId == null ? null : byCarrier.get(carrierId);
        String thread;
        long tid;
        if (m != null && m.runs(own, cut)) {
            thread = "[" + m.name() + " tid=" + m.id() + " virtual]";
            tid = m.id();
        } else {
            thread = "[virtual@" + Frames.threadName(frames.get(0)) + " tid=" + s.tid() + " virtual]";
            tid = s.tid();
        }
        return new StackSample(tid, s.state(), s.nanos(), s.weight(),
                FrameNames.withRoot(interned.computeIfAbsent(thread, t -> t), own));
    }

    /**
     * async-profiler 4.5 stops at a continuation's return barrier (a virtual thread resumed with only
     * its top frames thawed) and leaves the stub as the outermost frame: {@code cont_returnBarrier},
     * seen on carriers of virtual threads in JDBC calls (Temurin 25.0.3).
     */
    static boolean isBarrier(String frame) {
        return frame.startsWith("cont_") || frame.startsWith("Cont ");
    }

    /** Streaming, as DumpReader: a dump of 10,000 threads is megabytes, a tree would be garbage. */
    static Map<Long, Mounted> mounted(String json) {
        Map<Long, Mounted> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "threads".equals(p.currentName())
                        && p.nextToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        thread(p, out);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of(); // a damaged dump: its samples keep the carrier's name with "virtual@"
        }
        return out;
    }

    private static void thread(JsonParser p, Map<Long, Mounted> out) throws IOException {
        String tid = null;
        String name = "";
        String carrier = null;
        List<String> stack = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_ARRAY && "stack".equals(field)) {
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    stack.add(p.getText());
                }
            } else if (value.isStructStart()) {
                p.skipChildren();
            } else if ("tid".equals(field)) {
                tid = p.getText();
            } else if ("name".equals(field)) {
                name = p.getText();
            } else if ("carrier".equals(field)) {
                carrier = p.getText();
            }
        }
        String root = root(stack);
        if (tid != null && carrier != null && root != null) {
            Set<String> frames = new HashSet<>();
            for (String frame : stack) {
                frames.add(ruleFrame(frame));
            }
            out.put(Long.parseLong(carrier), new Mounted(Long.parseLong(tid), name.isEmpty() ? "virtual" : name, root,
                    frames));
        }
    }

    /**
     * The frame above {@code java.lang.VirtualThread.run(VirtualThread.java:460)} in the rules'
     * spelling ({@code com/acme/Work.run}); null when the stack has none (not started yet).
     */
    static String root(List<String> leafFirst) {
        for (int i = 1; i < leafFirst.size(); i++) {
            if (leafFirst.get(i).contains("java.lang.VirtualThread.run(")) {
                return ruleFrame(leafFirst.get(i - 1));
            }
        }
        return null;
    }

    /** {@code app//com.acme.Work.run(Work.java:5)} as the rules spell it: {@code com/acme/Work.run}. */
    static String ruleFrame(String dumped) {
        int open = dumped.indexOf('(');
        String qualified = open < 0 ? dumped : dumped.substring(0, open);
        int module = qualified.lastIndexOf('/'); // java.base/… or app//…
        return Frames.normalize(qualified.substring(module + 1).replace('.', '/').replaceFirst("/([^/]*)$", ".$1"));
    }
}
