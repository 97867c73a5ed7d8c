package jspy.testapps;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Lock contention of both kinds: a {@code synchronized} monitor (BLOCKED, visible only in native
 * frames) and a {@link ReentrantLock} (WAITING, parked in AQS). Each lock has a holder that keeps
 * it almost all the time, so the waiters spend nearly all their time blocked on entry.
 */
public final class LockApp {

    private static final Object MONITOR = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final long HOLD_MILLIS = 500;

    private LockApp() {
    }

    public static void main(String[] args) {
        Thread monitorHolder = Ready.start("lock-monitor-holder", LockApp::holdMonitor);
        Thread lockHolder = Ready.start("lock-reentrant-holder", LockApp::holdLock);
        // The holders must own their lock before any waiter tries, or a waiter could win the race.
        Ready.awaitState(monitorHolder, Thread.State.TIMED_WAITING);
        Ready.awaitState(lockHolder, Thread.State.TIMED_WAITING);
        Thread[] monitorWaiters = {
            Ready.start("lock-monitor-waiter-1", LockApp::enterMonitor),
            Ready.start("lock-monitor-waiter-2", LockApp::enterMonitor),
        };
        Thread[] lockWaiters = {
            Ready.start("lock-reentrant-waiter-1", LockApp::takeLock),
            Ready.start("lock-reentrant-waiter-2", LockApp::takeLock),
        };
        for (Thread waiter : monitorWaiters) {
            Ready.awaitState(waiter, Thread.State.BLOCKED);
        }
        for (Thread waiter : lockWaiters) {
            Ready.awaitFrame(waiter, "LockSupport.park");
        }
        Ready.signalAndSleepForever();
    }

    private static void holdMonitor() {
        while (true) {
            synchronized (MONITOR) {
                Ready.sleepMillis(HOLD_MILLIS);
            }
            // Re-entering at once usually beats the woken waiter (HotSpot monitors let the
            // running thread barge), which is what keeps the waiters blocked.
        }
    }

    private static void holdLock() {
        while (true) {
            LOCK.lock();
            try {
                Ready.sleepMillis(HOLD_MILLIS);
            } finally {
                LOCK.unlock();
            }
            // Non-fair lock: the holder re-acquires before the unparked waiter runs.
        }
    }

    @SuppressWarnings("EmptySynchronizedStatement")
    private static void enterMonitor() {
        while (true) {
            synchronized (MONITOR) {
                // enter and leave: all the time is spent getting in
            }
        }
    }

    private static void takeLock() {
        while (true) {
            LOCK.lock();
            LOCK.unlock();
        }
    }
}
