package jspy.cli.profile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * libc and HotSpot functions a thread sits in while it waits rather than runs. Event loops in
 * native libraries wait in epoll_pwait2 (Netty 4.2 on glibc 2.36), ppoll, pselect6 or
 * io_uring_enter, often under a JNI method no rule names (a shaded Netty's renamed library).
 */
final class NativeWaits {
    static final String REGEX = "__futex_abstimed_wait_common\\w*|_*pthread_cond_(timed)?wait\\w*"
            + "|__new_sem_wait_slow\\w*(\\.constprop\\.\\d+)?|sem_wait|(os::)?PosixSemaphore::wait"
            + "|(os::)?Platform(Monitor::wait|Event::park\\w*)|Monitor::wait\\w*|os::signal_wait"
            + "|(__GI_)?_*(epoll_wait|epoll_pwait2?|ppoll|pselect6?|io_uring_enter)(64)?"
            + "|__GI_accept|accept4?|__poll|poll|__pthread_clockjoin_ex|pthread_join"
            + "|(__GI___)?clock_nanosleep|nanosleep|__wait4|wait4|__waitpid|waitpid";

    private static final Pattern WAIT = Pattern.compile(REGEX);

    /** How far from the leaf a wait primitive may sit (libc wrappers, futex helpers). */
    private static final int LEAF_DEPTH = 3;

    private NativeWaits() {
    }

    static boolean waiting(List<String> frames) {
        for (int i = frames.size() - 1; i >= Math.max(0, frames.size() - LEAF_DEPTH); i--) {
            if (WAIT.matcher(frames.get(i)).matches()) {
                return true;
            }
        }
        return false;
    }
}
