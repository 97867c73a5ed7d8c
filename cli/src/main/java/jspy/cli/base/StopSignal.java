package jspy.cli.base;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM only set a flag; the sampling loop sees it, writes the output once and
 * exits. Nothing runs inside the handler, and no shutdown hook races the writer.
 */
public final class StopSignal {
    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();

    private StopSignal() {
    }

    public static void install() {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), s -> RECEIVED.compareAndSet(null, "SIG" + s.getName()));
            } catch (IllegalArgumentException e) {
                // the signal is reserved by this JVM (e.g. -Xrs): keep its default action
            }
        }
    }

    /** The signal that asked us to stop, or null. */
    public static String received() {
        return RECEIVED.get();
    }
}
