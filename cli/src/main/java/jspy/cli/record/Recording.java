package jspy.cli.record;

import jspy.cli.base.StopSignal;

/** What both recording modes share: when to stop. Sampling is a stream; this is the loop's clock. */
abstract class Recording {
    static final String TARGET_EXITED = "target exited";

    /** Returns why the loop ended: a signal, the duration, or null to go on. */
    static String stopReason(long deadlineNanos) {
        if (StopSignal.received() != null) {
            return StopSignal.received();
        }
        if (System.nanoTime() >= deadlineNanos) {
            return "duration";
        }
        return null;
    }

    static long deadline(long startNanos, Double durationSeconds) {
        return durationSeconds == null ? Long.MAX_VALUE : startNanos + (long) (durationSeconds * 1e9);
    }

    static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
