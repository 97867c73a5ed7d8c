package jspy.cli.profile;

/**
 * What the kernel saw the thread doing when it was sampled: async-profiler's wall-clock samples
 * record whether the signal interrupted a system call (SLEEPING) or running code (RUNNING).
 * Folded text carries no state: UNKNOWN, and the frames alone decide.
 */
public enum ThreadState {
    RUNNING, SLEEPING, UNKNOWN
}
