package jspy.cli.dump;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java thread id to OS thread id (the {@code tid} of {@code top -H} and of {@code -t}'s thread
 * frames), read from the JVM's own thread dump ({@code jcmd PID Thread.print}, which the CLI asks
 * for over the attach socket: nothing runs or loads in the target). No Java API maps the two: the
 * JVM knows the pair, and this header line is where it says so, on every JDK 8+:
 * <pre>
 * "main" #1 prio=5 os_prio=0 cpu=63.15ms elapsed=4.68s tid=0x00007f0b3c019660 nid=0x51aa waiting on condition   (17)
 * "main" #3 [20907] prio=5 os_prio=0 cpu=65.29ms elapsed=5.39s tid=0x00007f053802bff0 nid=20907 waiting ...      (19+)
 * </pre>
 * Matching /proc/PID/task/N/comm to thread names instead fails: comm keeps 15 bytes, and pools
 * name many threads alike. A name can hold any text, even a forged header: an id seen twice is
 * dropped rather than guessed.
 */
final class OsThreadIds {
    private static final Pattern HEADER = Pattern.compile("\" #(\\d{1,18}) (?:\\[\\d+\\] )?(?:daemon )?prio=\\d+"
            + " os_prio=-?\\d+ .*?\\bnid=(0x[0-9a-fA-F]{1,15}|\\d{1,18})\\b");

    private OsThreadIds() {
    }

    static Map<Long, Long> parse(String threadPrint) {
        Map<Long, Long> out = new HashMap<>();
        Set<Long> twice = new HashSet<>();
        for (String line : threadPrint.split("\n")) {
            Matcher m = HEADER.matcher(line);
            while (m.find()) {
                long id = Long.parseLong(m.group(1));
                String nid = m.group(2);
                long tid = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
                if (out.put(id, tid) != null) {
                    twice.add(id);
                }
            }
        }
        out.keySet().removeAll(twice);
        return out;
    }
}
