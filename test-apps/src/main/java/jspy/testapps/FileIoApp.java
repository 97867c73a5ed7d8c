package jspy.testapps;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * One thread writing, syncing and reading back an 8 MB file, over and over: the "file I/O"
 * situation. Buffers are big and filled once, so nearly all the wall time is inside the native
 * read/write/fsync calls rather than in Java code. The file is overwritten in place and deleted
 * only at exit: deleting and re-creating it every round spent ~20% of the time in unlink/open
 * (freeing and reallocating its blocks on ext4). Rounds alternate between RandomAccessFile and
 * NIO FileChannel/FileInputStream so both native paths show up.
 */
public final class FileIoApp {

    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 8;

    private FileIoApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "jspy-io-");
        Path file = dir.resolve("data.bin");
        byte[] heap = new byte[CHUNK];
        Arrays.fill(heap, (byte) 'j');
        ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
        direct.put(heap).flip();
        CountDownLatch firstRound = new CountDownLatch(1);

        Thread worker = Ready.start("io-worker", () -> {
            for (long round = 0; !Ready.isExiting(); round++) {
                if (round % 2 == 0) {
                    writeWithRandomAccess(file, heap);
                    readWithRandomAccess(file, heap);
                } else {
                    writeWithChannel(file, direct);
                    readWithStream(file, heap);
                }
                firstRound.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(worker, file, dir), "io-cleanup"));
        firstRound.await();
        Ready.signalAndSleepForever();
    }

    /** Stops the worker first: deleting under it would make it fail, and print, or re-create the file. */
    private static void cleanUp(Thread worker, Path file, Path dir) {
        Ready.markExiting();
        try {
            worker.join(5_000);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException | InterruptedException e) {
            // a leftover temp file is harmless and must not be reported: the target stays silent
        }
    }

    /** "rw" does not truncate, unlike FileOutputStream: the blocks are rewritten, not reallocated. */
    private static void writeWithRandomAccess(Path file, byte[] chunk) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            for (int i = 0; i < CHUNKS; i++) {
                out.write(chunk);
            }
            out.getFD().sync();
        }
    }

    private static void writeWithChannel(Path file, ByteBuffer chunk) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = 0; i < CHUNKS; i++) {
                chunk.rewind();
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            channel.force(true);
        }
    }

    private static void readWithRandomAccess(Path file, byte[] buffer) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            while (in.read(buffer) > 0) {
                // the data is not looked at: only the read matters
            }
        }
    }

    private static void readWithStream(Path file, byte[] buffer) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            while (in.read(buffer) > 0) {
                // as above
            }
        }
    }
}
