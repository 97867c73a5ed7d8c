package jspy.cli.sample;

import jspy.agent.Protocol;

/**
 * Reads the agent's wait snapshot ({@link Protocol#WAITS}): its epoch milliseconds, then one line
 * per watched thread, {@code L\tid\tclass\towner id\towner name\towner state} for a lock waiter and
 * {@code S\ttid\tsyscall line\tint at its first argument} for a socket waiter.
 */
final class AgentWaits {
    interface Locks {
        void lock(long epochMillis, long javaId, String lockClass, String owner);
    }

    interface Syscalls {
        void syscall(long epochMillis, long tid, String call, int atFirstArgument);
    }

    private AgentWaits() {
    }

    static void parse(String text, Locks locks, Syscalls syscalls) {
        String[] lines = text.split("\n");
        long millis;
        try {
            millis = Long.parseLong(lines[0].trim());
        } catch (NumberFormatException e) {
            return; // not the agent's
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            try {
                if (f[0].equals("L") && f.length >= 6) {
                    locks.lock(millis, Long.parseLong(f[1]), f[2], Long.parseLong(f[3]) < 0 || f[4].isEmpty() ? null : f[4]);
                } else if (f[0].equals("S") && f.length >= 4) {
                    syscalls.syscall(millis, Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]));
                }
            } catch (NumberFormatException e) {
                // a line cut short: the next snapshot comes within 100 ms
            }
        }
    }
}
