package jspy.cli.top;

import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import jspy.cli.top.TopKeys.Action;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.utils.NonBlocking;
import org.jline.utils.NonBlockingInputStream;

/**
 * Turns the raw terminal bytes into key actions on top's own thread, through JLine's BindingReader,
 * so that a multi-byte key (Down is {@code ESC [ B}) is one action and a lone ESC is Esc after
 * {@link TopKeys#ESC_TIMEOUT_MS}. Reading byte by byte, Down used to trigger B (the bucket filter).
 *
 * <p>No thread of its own: top's loop asks the terminal how many bytes wait ({@code available()},
 * one ioctl) when it wakes to look for a window anyway, every {@value #SLICE_MS} ms, and reads
 * only when some do. A reader thread blocked in read(2) is "in native", and HotSpot's exit
 * (VM_Exit::wait_for_threads_in_native_to_block, JDK 17) waits up to 30 rounds of 10 ms for such
 * threads (q took 0.4-0.5 s to exit); the polling reader that replaced it, behind JLine's
 * NonBlocking pump, took two threads that woke 40 times a second in all: 7% of top's CPU, 23%
 * of its steady CPU beside record's (1,000 idle target threads, JDK 17, issue 23).
 */
public final class KeyInput {
    /**
     * The key latency this adds is at most this, the ESC timeout. At 50 ms, the wake-ups alone
     * took 10% of top's CPU over its first 12 s (1,000 idle target threads, JDK 17, issue 23).
     */
    static final long SLICE_MS = 100;

    private final Polled bytes;
    private final Reader reader;
    private final KeyMap<Action> keys;
    private boolean ended;

    KeyInput(InputStream in, KeyMap<Action> keys) {
        this.bytes = new Polled(in);
        this.reader = new Reader(bytes);
        this.keys = keys;
    }

    /** The next key within {@code timeoutMillis}: NONE if none came, END_OF_INPUT once when the terminal went away. */
    public Action next(long timeoutMillis) {
        if (ended) {
            return Action.NONE;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            boolean ready;
            try {
                ready = reader.pending() || bytes.waiting();
            } catch (IOException e) {
                ended = true;
                return Action.END_OF_INPUT;
            }
            if (ready) {
                return read();
            }
            long left = (deadline - System.nanoTime() + 999_999) / 1_000_000; // rounded up: never early
            if (left <= 0) {
                return Action.NONE;
            }
            if (!Polled.sleep(Math.min(SLICE_MS, left))) {
                return Action.QUIT;
            }
        }
    }

    private Action read() {
        try {
            Action action = reader.readBinding(keys);
            if (action == null) {
                ended = true;
                return Action.END_OF_INPUT;
            }
            if (action == Action.SEQUENCE) {
                skipSequence(reader, reader.getLastBinding());
                return Action.OTHER;
            }
            return action;
        } catch (EndOfFileException | IOError e) {
            ended = true;
            return Action.END_OF_INPUT;
        }
    }

    /**
     * Reads the rest of an unbound escape sequence: after {@code ESC [} up to its final byte
     * (0x40-0x7E, ECMA-48), after {@code ESC O} one more character. Stops early if nothing more
     * comes within the ESC timeout, so a stray prefix cannot eat the next real key.
     */
    static void skipSequence(BindingReader reader, String start) {
        boolean ss3 = start.startsWith("\033O");
        if (ss3 && start.length() > 2) {
            return;
        }
        while (reader.peekCharacter(TopKeys.ESC_TIMEOUT_MS) >= 0) {
            int c = reader.readCharacter();
            if (ss3 || c >= 0x40 && c <= 0x7e) {
                return;
            }
        }
    }

    /** BindingReader, saying whether it holds characters of a key not yet returned (typed ahead). */
    private static final class Reader extends BindingReader {
        Reader(Polled bytes) {
            super(NonBlocking.nonBlocking("jspy-top-keys", bytes, StandardCharsets.UTF_8)); // no thread: bytes is non-blocking
        }

        boolean pending() {
            return !pushBackChar.isEmpty() || opBuffer.length() > 0;
        }
    }

    /**
     * The terminal's bytes as JLine's timed reads want them, without a pump thread: a timed read
     * or peek waits for {@code available()} in slices of {@value #SLICE_MS} ms. The terminal
     * returns each byte at once (TopScreen.keys: VMIN 1, VTIME 0).
     */
    private static final class Polled extends NonBlockingInputStream {
        private final InputStream in;
        private int peeked = READ_EXPIRED;

        Polled(InputStream in) {
            this.in = in;
        }

        boolean waiting() throws IOException {
            return peeked != READ_EXPIRED || in.available() > 0;
        }

        @Override
        public int read(long timeout, boolean isPeek) throws IOException {
            if (peeked != READ_EXPIRED) {
                int c = peeked;
                peeked = isPeek ? peeked : READ_EXPIRED;
                return c;
            }
            long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : Long.MAX_VALUE; // JLine: 0 waits for ever
            while (in.available() == 0) {
                long left = (deadline - System.nanoTime() + 999_999) / 1_000_000; // rounded up: never early
                if (left <= 0) {
                    return READ_EXPIRED;
                }
                if (!sleep(Math.min(SLICE_MS, left))) {
                    throw new InterruptedIOException("key reader interrupted");
                }
            }
            int c = in.read();
            peeked = isPeek ? c : READ_EXPIRED;
            return c;
        }

        /** False when interrupted (the flag stays set). */
        static boolean sleep(long millis) {
            try {
                Thread.sleep(millis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
