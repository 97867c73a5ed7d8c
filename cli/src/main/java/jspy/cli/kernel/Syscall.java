package jspy.cli.kernel;

/**
 * A thread's current system call as {@code /proc/PID/task/TID/syscall} shows it: {@code NR arg0 …
 * arg5 sp pc} for a thread blocked in a call, {@code running} for one on a CPU, {@code -1 sp pc}
 * for one stopped outside a call. Reading that file neither stops nor signals the thread.
 *
 * @param nr the call's number, or -1 when the thread is not in a call (running included)
 * @param args its six arguments (empty when nr is -1)
 */
public record Syscall(int nr, long[] args) {
    public static final Syscall NONE = new Syscall(-1, new long[0]);

    /** The file's text, or NONE for anything else: the thread may be gone or running. */
    public static Syscall parse(CharSequence text) {
        String[] words = text.toString().trim().split(" ");
        if (words.length < 7 || words[0].equals("running") || words[0].startsWith("-")) {
            return NONE;
        }
        try {
            int nr = Integer.parseInt(words[0]);
            long[] args = new long[6];
            for (int i = 0; i < 6; i++) {
                args[i] = Long.parseUnsignedLong(words[i + 1].substring(2), 16);
            }
            return new Syscall(nr, args);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return NONE;
        }
    }

    public long arg(int i) {
        return args[i];
    }
}
