package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrimesTest {
    /** Busy for about two seconds, so the profile of the surefire fork shows this method. */
    @Test
    void countsPrimesForAWhile() {
        long end = System.nanoTime() + 2_000_000_000L;
        long primes = 0;
        for (long n = 2; System.nanoTime() < end; n++) {
            primes += isPrime(n) ? 1 : 0;
        }
        assertTrue(primes > 0);
    }

    private static boolean isPrime(long n) {
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
