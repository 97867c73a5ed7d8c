package jspy.cli.sample;

import jspy.agent.Protocol;

/**
 * Reads the agent's wait snapshots ({@link Protocol#WAITS}), the last second's: each is its epoch milliseconds, then one line
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

    /**
     * Reads the answers after the one of epoch ms after (the file holds the last second's answers,
     * one read takes several and the next read some of the same); returns the newest one's time.
     */
    static long parse(String text, long after, Locks locks, Syscalls syscalls) {
        long millis = -1;
        long newest = after;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                try {
                    millis = Long.parseLong(line.trim());
                    newest = Math.max(newest, millis);
                } catch (NumberFormatException e) {
                    millis = -1; // cut short
                }
                continue;
            }
            if (millis <= after) {
                continue; // taken before, or no answer's time seen
            }
            String[] f = line.split("\t", -1);
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
        return newest;
    }
}
