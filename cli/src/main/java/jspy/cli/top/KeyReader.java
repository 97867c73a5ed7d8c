package jspy.cli.top;

import java.io.IOError;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import jspy.cli.top.TopKeys.Action;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.utils.NonBlocking;

/**
 * Turns the raw terminal bytes into key actions on a daemon thread, through JLine's BindingReader,
 * so that a multi-byte key (Down is {@code ESC [ B}) is one action and a lone ESC is Esc after
 * {@link TopKeys#ESC_TIMEOUT_MS}. Reading byte by byte, Down used to trigger B (the bucket filter).
 * The bytes come from a plain blocking stream (TopScreen.keys()), wrapped by JLine's NonBlocking
 * for the timed peeks that tell ESC from ESC [ B.
 */
final class KeyReader {
    private KeyReader() {
    }

    static BlockingQueue<Action> start(InputStream in, KeyMap<Action> keys) {
        BlockingQueue<Action> queue = new LinkedBlockingQueue<>();
        BindingReader reader = new BindingReader(NonBlocking.nonBlocking("jspy-top-keys", in, StandardCharsets.UTF_8));
        Thread thread = new Thread(() -> run(reader, keys, queue), "jspy-top-keys");
        thread.setDaemon(true); // blocked in a read of the terminal; it dies with the JVM
        thread.start();
        return queue;
    }

    private static void run(BindingReader reader, KeyMap<Action> keys, BlockingQueue<Action> queue) {
        try {
            Action action;
            while ((action = reader.readBinding(keys)) != null) {
                if (action == Action.SEQUENCE) {
                    skipSequence(reader, reader.getLastBinding());
                    action = Action.OTHER;
                }
                queue.add(action);
            }
        } catch (EndOfFileException | IOError e) {
            // the terminal closed: same as end of input
        }
        queue.add(Action.END_OF_INPUT);
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
}
