package jspy.agent;

/**
 * The CLI-agent protocol, defined once: argument keys, file names in the session directory, the
 * thread prefix and the version. Only compile-time constants live here, so the CLI (which compiles
 * against this module but does not ship it on its class path) gets them inlined.
 *
 * <p>Files the agent writes (through a temporary file and a rename): {@value #AGENT} (this
 * protocol's {@value #VERSION}), {@value #INFO}, {@value #ERROR}, {@value #DONE} (why it stopped),
 * {@value #JDBC_CLASSES}, and the JFR recordings {@value #RECORDING_PREFIX}N{@value #RECORDING_SUFFIX}:
 * one chunk per sampling window; a recording is complete once the next one exists. Files the CLI
 * writes: {@value #HEARTBEAT} (touched), {@value #STOP} and {@value #ACK_PREFIX}N (created empty),
 * which lets the agent delete recordings up to N, and {@value #CLOSE_WINDOW} (created empty), which
 * the agent deletes and then closes the current window early.
 */
public final class Protocol {
    /** Bump when an argument or a file changes meaning; the CLI refuses any other value. */
    public static final String VERSION = "3";

    public static final String ARG_DIR = "dir";
    public static final String ARG_INTERVAL = "interval";
    public static final String ARG_PERIOD = "period";
    public static final String ARG_LAUNCH = "launch";
    public static final String ARG_MODE = "mode";
    public static final String MODE_DUMP = "dump";

    public static final String AGENT = "agent";
    public static final String INFO = "info";
    public static final String ERROR = "error";
    public static final String DONE = "done";
    public static final String HEARTBEAT = "heartbeat";
    public static final String STOP = "stop";
    public static final String JDBC_CLASSES = "jdbc-classes";
    public static final String PROFILER_LOG = "profiler.log";
    public static final String LOAD_LOG = "load.log";
    public static final String RECORDING_PREFIX = "rec-";
    public static final String RECORDING_SUFFIX = ".jfr";
    public static final String ACK_PREFIX = "ack-";
    /**
     * Wait targets: the CLI writes {@value #WATCH} into the agent's directory (lines {@code L <Java
     * thread id>} for lock waiters, {@code S <OS tid>} for socket waiters whose system call the
     * kernel will not show the CLI); the agent answers in {@value #WAITS}: the epoch milliseconds
     * of the snapshot, then {@code L\tid\tlock class\towner id\towner name\towner state} and
     * {@code S\ttid\tsyscall line\tint at its first argument} lines.
     */
    public static final String WATCH = "watch";
    public static final String WAITS = "waits";

    /**
     * Close the current window now, not at the end of its period: serve's /profile?seconds=N asks
     * for one when it starts and one N seconds later, so that it covers N seconds and not whole
     * 5 s windows. An agent that does not know this file ignores it, and the CLI then falls back
     * to whole windows: no new protocol version.
     */
    public static final String CLOSE_WINDOW = "close-window";
    /** How many recordings the agent deleted unread because the CLI fell behind. */
    public static final String DROPPED = "dropped";

    /**
     * JDK 21+: the JVM's JSON thread dump, {@value #VTHREADS_PREFIX}N-FROM-TO{@value #VTHREADS_SUFFIX}
     * (FROM, TO: epoch milliseconds the dump stands for), the only place unmounted virtual threads
     * show up. The agent keeps the newest {@value #VTHREADS_KEEP}.
     */
    public static final String VTHREADS_PREFIX = "vt-";
    public static final String VTHREADS_SUFFIX = ".json";
    public static final int VTHREADS_KEEP = 3;

    /** Reasons in the {@value #DONE} file. */
    public static final String DONE_STOP = "stop";
    public static final String DONE_EXIT = "exit";
    public static final String DONE_ABANDONED = "abandoned";
    public static final String DONE_FAILED = "failed";

    /** Threads of ours are named with this prefix (async-profiler's sampler inherits it); never shown. */
    public static final String THREAD_PREFIX = "jspy-agent";

    /** The CLI touches the heartbeat twice a second; silence for this long means it is gone. */
    public static final long HEARTBEAT_TIMEOUT_MS = 2500;

    /**
     * A new recording file after this many bytes or milliseconds. Restarting the profiler signals
     * every thread once (its batching state is reset), so not too often; the files sit in the
     * target's /tmp, often a tmpfs, so not too big either.
     */
    public static final long ROTATE_BYTES = 16L << 20;
    public static final long ROTATE_MILLIS = 60_000;

    /** Recordings the CLI has not acknowledged that we keep before dropping the oldest. */
    public static final int MAX_UNACKED = 4;

    private Protocol() {
    }
}
