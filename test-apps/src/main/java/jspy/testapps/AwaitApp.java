package jspy.testapps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two threads each handing CPU work to a one-thread executor and blocking in
 * {@code CompletableFuture.join} for the result: the "await" bucket (no client names what the
 * other thread does). The executor's thread is cpu.
 */
public final class AwaitApp {

    private AwaitApp() {
    }

    public static void main(String[] args) {
        ExecutorService cpu = Executors.newSingleThreadExecutor(r -> new Thread(r, "await-cpu"));
        Ready.startAll("await-joiner-", 2, "CompletableFuture.join", () -> joinForever(cpu));
        Ready.signalAndSleepForever();
    }

    private static void joinForever(ExecutorService cpu) {
        while (true) {
            CompletableFuture.supplyAsync(AwaitApp::burn, cpu).join();
        }
    }

    /** About 200 ms of arithmetic on one core: long enough that the joiners mostly wait. */
    private static double burn() {
        long end = System.nanoTime() + 200_000_000L;
        double x = 0;
        while (System.nanoTime() < end) {
            for (int i = 1; i < 10_000; i++) {
                x += Math.sqrt(i);
            }
        }
        return x;
    }
}
