import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import sun.misc.Unsafe;

/**
 * A target for the cost of System.trim_native_heap (bench/trim-cost): THREADS threads each fill
 * their own malloc arena with blocks of 16-96 kB (below glibc's 128 kB mmap threshold, so they
 * come from the arena) up to MB megabytes in all, then free every other block: MB/2 of free memory
 * in holes between live blocks, which malloc keeps and only a trim gives back. Then every thread
 * mallocs and frees small blocks (64 B to 4 kB) in a loop for SECONDS, timing each pair; a pair
 * slower than 1 ms is logged with its start (epoch microseconds) and its duration, to be matched
 * against the trims the script asks for meanwhile. Unsafe.allocateMemory is the JVM's os::malloc:
 * plain malloc without Native Memory Tracking. Prints nothing.
 * Usage: java TrimCost.java THREADS MB SECONDS DIR   (DIR/ready once fragmented; it ends after SECONDS
 * or once DIR/stop exists; then DIR/slow-N.txt and DIR/ops.txt)
 */
public class TrimCost {
    static final Unsafe U = unsafe();

    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]);
        long bytes = Long.parseLong(a[1]) << 20;
        long seconds = Long.parseLong(a[2]);
        Path dir = Path.of(a[3]);
        CountDownLatch fragmented = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] ops = new long[threads];
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> run(id, bytes / threads, seconds, dir, fragmented, go, ops), "alloc-" + i);
            t.start();
            all.add(t);
        }
        fragmented.await();
        Files.writeString(dir.resolve("ready"), "");
        go.countDown();
        long started = System.nanoTime();
        for (Thread t : all) {
            t.join();
        }
        long sum = 0;
        for (long n : ops) {
            sum += n;
        }
        Files.writeString(dir.resolve("ops.txt"), String.format(Locale.ROOT, "%d malloc+free pairs in %.0f s%n", sum,
                (System.nanoTime() - started) / 1e9));
    }

    static void run(int id, long bytes, long seconds, Path dir, CountDownLatch fragmented, CountDownLatch go, long[] ops) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<Long> blocks = new ArrayList<>();
        long total = 0;
        while (total < bytes) {
            long size = (16 + r.nextInt(81)) << 10;
            long p = U.allocateMemory(size);
            U.setMemory(p, size, (byte) 1); // touched: resident
            blocks.add(p);
            total += size;
        }
        // Only once all are taken: a block freed at once would be reused by the next one.
        for (int i = 1; i < blocks.size(); i += 2) {
            U.freeMemory(blocks.get(i));
        }
        fragmented.countDown();
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        long[] pool = new long[1024];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = U.allocateMemory(64);
        }
        StringBuilder slow = new StringBuilder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        Path stop = dir.resolve("stop");
        while (System.nanoTime() < end && (n % 100_000 != 0 || !Files.exists(stop))) {
            int i = r.nextInt(pool.length);
            long t0 = System.nanoTime();
            U.freeMemory(pool[i]);
            pool[i] = U.allocateMemory(64 + r.nextInt(4033));
            U.putByte(pool[i], (byte) 1);
            long took = System.nanoTime() - t0;
            n++;
            if (took > 1_000_000) {
                long startMicros = System.currentTimeMillis() * 1000 - took / 1000;
                slow.append(startMicros).append(' ').append(took / 1000).append('\n');
            }
        }
        ops[id] = n;
        try {
            Files.writeString(dir.resolve("slow-" + id + ".txt"), slow);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
