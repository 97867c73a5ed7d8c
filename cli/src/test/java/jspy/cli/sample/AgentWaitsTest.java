package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's answers file holds the last second's answers; each is taken once, whenever the CLI reads. */
class AgentWaitsTest {
    private final List<String> taken = new ArrayList<>();

    private long read(String text, long after) {
        return AgentWaits.parse(text, after,
                (ms, id, lock, owner) -> taken.add(ms + " L " + id + " " + lock + " " + owner),
                (ms, tid, call, first) -> taken.add(ms + " S " + tid + " " + call + " " + first));
    }

    @Test
    void answersReadTwiceAreTakenOnce() {
        String first = "1000\nL\t7\tLedger\t9\tledger-writer-3\tRUNNABLE\n"
                + "1100\nS\t42\t7 0x7f0 0x1 0x3e8\t12\nL\t7\tLedger\t-1\t\t\n";
        long newest = read(first, 0);
        assertEquals(1100, newest);
        assertEquals(List.of("1000 L 7 Ledger ledger-writer-3", "1100 S 42 7 0x7f0 0x1 0x3e8 12", "1100 L 7 Ledger null"),
                taken);
        taken.clear();
        // the next read: 1000 has left the file, 1100 is still in it, 1200 is new
        newest = read("1100\nS\t42\t7 0x7f0 0x1 0x3e8\t12\n1200\nS\t42\t7 0x7f0 0x1 0x3e8\t13\n", newest);
        assertEquals(1200, newest);
        assertEquals(List.of("1200 S 42 7 0x7f0 0x1 0x3e8 13"), taken);
    }

    @Test
    void aCutLineOrForeignTextIsSkipped() {
        assertEquals(5, read("not the agent's\nL\t7\n", 5));
        assertEquals(List.of(), taken);
        assertEquals(2000, read("2000\nL\t7\tLedger\t9\tw\tRUNNABLE\nS\t4", 5));
        assertEquals(1, taken.size());
    }
}
