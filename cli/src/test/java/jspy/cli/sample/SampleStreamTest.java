package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jspy.agent.Protocol;
import jspy.cli.attach.AgentDir;
import jspy.cli.base.JspyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleStreamTest {
    @TempDir
    Path dir;

    @Test
    void aDurationTooLongForNanosecondsMeansNoLimit() {
        long now = System.nanoTime();
        assertEquals(Long.MAX_VALUE, SampleStream.deadline(now, Double.POSITIVE_INFINITY));
        assertEquals(Long.MAX_VALUE, SampleStream.deadline(now, 1e300), "-d 1e300 overflowed into the past");
        assertEquals(Long.MAX_VALUE, SampleStream.deadline(now, null));
        assertEquals(now + 2_500_000_000L, SampleStream.deadline(now, 2.5));
    }

    @Test
    void signalsNameTheirReason() {
        assertEquals(StopReason.INTERRUPTED, StopReason.ofSignal("SIGINT"));
        assertEquals(StopReason.TERMINATED, StopReason.ofSignal("SIGTERM"));
        assertEquals(StopReason.HANGUP, StopReason.ofSignal("SIGHUP"));
        assertEquals(null, StopReason.ofSignal(null));
    }

    @Test
    void anAgentOfAnotherProtocolVersionIsRefused() throws Exception {
        AgentDir agent = new AgentDir(dir);
        assertTrue(agent.staleAgent(), "no version file: an agent from before versions were written");
        Files.writeString(dir.resolve(Protocol.AGENT), "1\n");
        assertTrue(agent.staleAgent(), "protocol 1 wrote cumulative collapsed snapshots");
        Files.writeString(dir.resolve(Protocol.AGENT), Protocol.VERSION + "\n");
        assertFalse(agent.staleAgent());
        JspyException e = AgentDir.staleAgent(42);
        assertTrue(e.getMessage().contains("42"), e.getMessage());
    }
}
