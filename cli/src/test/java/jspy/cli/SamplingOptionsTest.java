package jspy.cli;

import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplingOptionsTest {
    private static SamplingOptions options(Integer rate, Integer limit) {
        SamplingOptions o = new SamplingOptions();
        o.rate = rate;
        o.sampleLimit = limit;
        return o;
    }

    @Test
    void byDefault100HzWithin22000SamplesPerSecond() {
        assertEquals(100, options(null, null).rateFor(220));
        assertEquals(20, options(null, null).rateFor(1_100)); // issue 9's goal: >= 20 Hz with 1,000 threads + the JVM's own
        assertEquals(2.19, options(null, null).rateFor(10_050)); // and >= 2 Hz with 10,000
        assertEquals(0.22, options(null, null).rateFor(100_000)); // the budget holds below 1 Hz too
        assertEquals(21.6, options(null, null).rateFor(1_020)); // three digits: the rate printed is the rate sampled
        assertEquals(0.1, options(null, null).rateFor(10_000_000)); // at most 10 s between samples
    }

    @Test
    void anExplicitRateIsKeptUnlessALimitIsGivenToo() {
        assertEquals(1_000, options(1_000, null).rateFor(1_000));
        assertEquals(100, options(100, null).rateFor(10_000));
        assertEquals(2, options(1_000, 2_000).rateFor(1_000));
        assertEquals(5, options(null, 5_000).rateFor(1_000));
    }

    @Test
    void theRateStandsWhileAllThreadsFitTheLimit() {
        assertEquals(100, options(100, 10_000).rateFor(20));
        assertEquals(100, options(100, 10_000).rateFor(100));
        assertEquals(100, options(100, 10_000).rateFor(0)); // thread count unknown
    }

    @Test
    void manyThreadsAreEachSampledLessOften() {
        assertEquals(99, options(100, 10_000).rateFor(101));
        assertEquals(10, options(100, 10_000).rateFor(1_000));
        assertEquals(1, options(100, 10_000).rateFor(10_000));
        assertEquals(0.2, options(100, 10_000).rateFor(50_000));
        assertEquals(200, options(1_000, 10_000).rateFor(50));
        assertEquals(10_000_000L, SamplingOptions.intervalNanos(100));
        assertEquals(5_000_000_000L, SamplingOptions.intervalNanos(0.2));
    }

    @Test
    void zeroMeansNoLimitAndANegativeOneIsAUsageError() {
        assertEquals(100, options(100, 0).rateFor(10_000));
        JspyException e = assertThrows(JspyException.class, () -> options(100, -1).rateFor(10));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertThrows(JspyException.class, () -> options(0, 10_000).rateFor(10));
    }

    @Test
    void theLoweredRateIsSaid() {
        long self = ProcessHandle.current().pid();
        long threads = SamplingOptions.threadsOf(self);
        assertTrue(threads > 5, "this JVM has threads: " + threads);
        SamplingOptions.Rate rate = options(100, 100).rateForJvm(self);
        assertTrue(rate.hz() >= 0.1 && rate.hz() <= 100 / 5, "limit 100 over about " + threads + " threads: " + rate);
        assertTrue(rate.note().matches("[\\d,]+ threads: lowered from 100 Hz to stay within 100 "
                + "samples/s, see --sample-limit"), rate.note());
        assertEquals("", options(100, 0).rateForJvm(self).note());
    }
}
