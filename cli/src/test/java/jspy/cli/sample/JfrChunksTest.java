package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Complete chunks only, and a damaged one counted rather than silently dropped. */
class JfrChunksTest {
    @TempDir
    Path dir;

    static byte[] chunk(long size, long cpool) {
        ByteBuffer b = ByteBuffer.allocate((int) Math.max(Math.min(size, 1 << 16), 68)); // an open chunk: its header
        b.putInt(0x464c5200).putShort((short) 2).putShort((short) 0).putLong(size).putLong(cpool);
        return b.array(); // the rest is garbage (zeros) for jfr-converter
    }

    @Test
    void anOpenChunkIsNotReadAndADamagedOneIsCounted() throws Exception {
        Path file = dir.resolve("rec-1.jfr");
        Files.write(file, chunk(1L << 30, 0)); // async-profiler's header of a chunk still being written
        JfrChunks chunks = new JfrChunks(42, new HashMap<>(), new Carriers(new HashMap<>()), new ThreadTime(10_000_000), false, new HashMap<>());
        assertEquals(List.of(), chunks.read(file), "an open chunk waits");
        assertEquals(0, chunks.skipped());

        Files.write(file, chunk(200, 100)); // complete by its header, unreadable inside
        List<Window> windows = chunks.read(file);
        assertEquals(1, windows.size());
        assertTrue(windows.get(0).samples().isEmpty());
        assertEquals(1, chunks.skipped(), "counted, so the summary can say so");
        assertEquals(List.of(), chunks.read(file), "read once");
    }

    @Test
    void aChunkHeaderClaimingGigabytesIsCountedAsDamagedNotRead() throws Exception {
        Path file = dir.resolve("rec-1.jfr");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(chunk(3L << 30, 100));
            f.setLength(3L << 30); // sparse: the header's 3 GiB are really there, as zeros
        }
        JfrChunks chunks = new JfrChunks(42, new HashMap<>(), new Carriers(new HashMap<>()), new ThreadTime(10_000_000), false, new HashMap<>());
        List<Window> windows = chunks.read(file);
        assertEquals(1, windows.size());
        assertTrue(windows.get(0).samples().isEmpty());
        assertEquals(1, chunks.skipped(), "counted, and nothing of it copied into the heap");
        chunks.close();
    }
}
