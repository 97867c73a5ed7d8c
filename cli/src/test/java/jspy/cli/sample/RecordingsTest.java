package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.stream.Stream;
import jspy.agent.Protocol;
import jspy.cli.attach.AgentDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent's recording is read through a descriptor held between polls, and let go once the
 * agent says done: a launched command's exited JVMs are neither polled nor held open again.
 */
class RecordingsTest {
    @TempDir
    Path dir;

    @Test
    void readsAppendedChunksThroughTheOpenFileAndLetsGoOnceTheAgentIsDone() throws Exception {
        Path rec = dir.resolve(Protocol.RECORDING_PREFIX + 1 + Protocol.RECORDING_SUFFIX);
        byte[] chunk = JfrChunksTest.chunk(200, 100); // complete by its header
        Files.write(rec, chunk);
        Recordings recordings = new Recordings(42, new AgentDir(dir), new HashMap<>(), 10_000_000, false);
        try {
            assertEquals(1, recordings.read(false).size());
            assertTrue(held(rec), "kept open between polls");
            Files.write(rec, chunk, StandardOpenOption.APPEND);
            assertEquals(1, recordings.read(false).size(), "a chunk appended later is read through the same descriptor");

            Files.write(rec, chunk, StandardOpenOption.APPEND); // the final chunk, then done
            Files.createFile(dir.resolve(Protocol.DONE));
            assertEquals(1, recordings.read(true).size(), "the final chunk is read");
            assertFalse(held(rec), "let go once done");
            Files.write(rec, chunk, StandardOpenOption.APPEND);
            assertEquals(0, recordings.read(true).size(), "not polled again");
        } finally {
            recordings.close();
        }
    }

    /** True if this process has the file open (Linux: /proc/self/fd). */
    private static boolean held(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile (the listing's own descriptor)
                }
            });
        }
    }
}
