package jspy.cli.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the stream into top's refreshes: each window of sampled threads is one refresh, and the
 * newest virtual-thread dump of its JVM rides along, rescaled to the refresh's length. A dump
 * comes every second at best (with 10,000 virtual threads every ~12 s, to keep its cost at 2% of
 * a core), and its parked threads are still parked until the next one says otherwise.
 */
public final class Refreshes {
    private final SampleStream stream;
    private final Map<Long, Window> lastVirtual = new HashMap<>();

    public Refreshes(SampleStream stream) {
        this.stream = stream;
    }

    /** The next refresh's windows (the first is the sampled one), or null when none is ready. */
    public List<Window> poll() {
        while (true) {
            Window w = stream.poll(0);
            if (w == null) {
                return null;
            }
            if (w.virtual()) {
                lastVirtual.put(w.pid(), w);
                continue;
            }
            List<Window> out = new ArrayList<>(2);
            out.add(w);
            Window v = lastVirtual.get(w.pid());
            if (v != null && v.seconds() > 0) {
                out.add(rescaled(v, w));
            }
            return out;
        }
    }

    private static Window rescaled(Window v, Window to) {
        double factor = to.seconds() / v.seconds();
        List<StackSample> samples = new ArrayList<>(v.samples().size());
        for (StackSample s : v.samples()) {
            samples.add(new StackSample(s.tid(), s.state(), to.startNanos(), Math.max(1, Math.round(s.weight() * factor)),
                    s.frames()));
        }
        return new Window(v.pid(), to.startNanos(), to.endNanos(), v.threads(), v.threads() * to.seconds(), samples, true);
    }
}
