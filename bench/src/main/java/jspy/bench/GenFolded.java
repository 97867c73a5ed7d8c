package jspy.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a folded (collapsed) file of exactly N distinct stacks, root first, depth up to 200.
 *
 * <p>The first frames spell the stack's number in base 8, so stacks are distinct and share
 * prefixes the way real call trees do; below them hangs a tail of pseudo-random frames from a
 * pool of 4,096 realistic names, skewed short (mean depth about 35, a few near 200).
 */
public final class GenFolded {
    static final int MAX_DEPTH = 200;
    private static final String[] PACKAGES = {"com/acme/shop/web", "com/acme/shop/order", "org/springframework/web",
        "java/util/concurrent", "io/netty/channel", "org/hibernate/internal", "com/fasterxml/jackson/core",
        "java/lang/invoke"};

    private GenFolded() {
    }

    public static void write(Path file, int stacks, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int digits = 1;
        for (long cap = 8; cap < stacks; cap *= 8) {
            digits++;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder(8192);
            for (int i = 0; i < stacks; i++) {
                line.setLength(0);
                line.append("[worker-").append(i % 16).append(" tid=").append(1000 + i % 16).append(']');
                int n = i;
                for (int d = 0; d < digits; d++) {
                    line.append(';').append(frame(d * 8 + n % 8));
                    n /= 8;
                }
                double u = random.nextDouble();
                int tail = (int) ((MAX_DEPTH - 1 - digits) * u * u * u * u * u);
                int f = random.nextInt(4096);
                for (int d = 0; d < tail; d++) {
                    // Mostly a deterministic chain (deep call paths repeat), sometimes a branch.
                    f = random.nextInt(8) == 0 ? random.nextInt(4096) : (f * 31 + 7) % 4096;
                    line.append(';').append(frame(f));
                }
                line.append(' ').append(1 + random.nextInt(50)).append('\n');
                out.append(line);
            }
        }
    }

    private static String frame(int k) {
        return PACKAGES[k % PACKAGES.length] + "/Class" + (k / 8 % 64) + ".method" + (k / 512);
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[1]), Integer.parseInt(args[0]), 42);
    }
}
