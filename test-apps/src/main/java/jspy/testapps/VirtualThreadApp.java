package jspy.testapps;

import java.lang.reflect.Method;

/**
 * Ten named virtual threads ({@code vt-sleeper-0..9}) asleep: unmounted, so no carrier shows
 * them and a wall-clock sampler never sees them; only a thread dump does. JDK 21+ (fails loudly
 * on older JDKs); started by reflection so this module still compiles for release 17.
 */
public final class VirtualThreadApp {
    static final int COUNT = 10;

    private VirtualThreadApp() {
    }

    public static void main(String[] args) throws Exception {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Method name = builder.getMethod("name", String.class);
        Method start = builder.getMethod("start", Runnable.class);
        Thread[] sleepers = new Thread[COUNT];
        for (int i = 0; i < COUNT; i++) {
            Object named = name.invoke(ofVirtual.invoke(null), "vt-sleeper-" + i);
            sleepers[i] = (Thread) start.invoke(named, (Runnable) VirtualThreadApp::sleep);
        }
        for (Thread sleeper : sleepers) {
            Ready.awaitState(sleeper, Thread.State.TIMED_WAITING);
        }
        // Virtual threads are daemons: the main thread keeps the JVM alive.
        Ready.signalAndSleepForever();
    }

    private static void sleep() {
        while (true) {
            Ready.sleepMillis(60_000);
        }
    }
}
