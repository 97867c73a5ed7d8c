package jspy.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import jspy.cli.top.TopKeys.Action;
import org.junit.jupiter.api.Test;

/** Key sequences as a terminal sends them, through the real KeyInput and JLine's BindingReader. */
class TopKeysTest {
    private final PipedOutputStream terminal = new PipedOutputStream();
    /** The read end; closed, it fails as a hung-up terminal does (a pipe's available() just says 0). */
    private final PipedInputStream input = new PipedInputStream() {
        private boolean closed;

        @Override
        public synchronized int available() throws IOException {
            if (closed) {
                throw new IOException("Input/output error");
            }
            return super.available();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    };
    private final KeyInput keys;

    TopKeysTest() throws Exception {
        input.connect(terminal);
        keys = TopKeys.start(input);
    }

    private void type(String bytes) throws Exception {
        terminal.write(bytes.getBytes(StandardCharsets.UTF_8));
        terminal.flush();
    }

    private Action next() {
        return keys.next(5_000);
    }

    @Test
    void arrowsAreOneKeyNotEscBracketAndALetter() throws Exception {
        type("\033[B");
        assertEquals(Action.DOWN, next(), "Down arrow used to fire B, the bucket filter");
        type("B");
        assertEquals(Action.FILTER, next());
        type("\033[A\033OB\033[1;2A");
        assertEquals(Action.UP, next());
        assertEquals(Action.DOWN, next(), "SS3 form, application cursor mode");
        assertEquals(Action.UP, next(), "Shift-Up");
        assertEquals(Action.NONE, keys.next(300), "nothing left over");
    }

    @Test
    void pagesHomeEndEnterAndLetters() throws Exception {
        type("\033[5~\033[6~\033[H\033[F\033[1~\033[4~\r1234biIrtgaAnq\003?");
        for (Action a : new Action[] {Action.PAGE_UP, Action.PAGE_DOWN, Action.HOME, Action.END, Action.HOME,
                Action.END, Action.ENTER, Action.SORT_OWN_PCT, Action.SORT_TOTAL_PCT, Action.SORT_OWN_TIME,
                Action.SORT_TOTAL_TIME, Action.FILTER, Action.IDLE, Action.IDLE, Action.RESET, Action.THREADS,
                Action.GROUP, Action.SMALL, Action.SMALL, Action.SHORT_NAMES, Action.QUIT, Action.QUIT, Action.HELP}) {
            assertEquals(a, next());
        }
    }

    @Test
    void aLoneEscIsEscAfterAShortWait() throws Exception {
        long start = System.nanoTime();
        type("\033");
        assertEquals(Action.BACK, next());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= TopKeys.ESC_TIMEOUT_MS && ms < 2_000, "Esc after the ESC timeout, not JLine's 1 s: " + ms);
        type("q");
        assertEquals(Action.QUIT, next(), "the key after Esc is read normally");
    }

    @Test
    void anUnknownSequenceIsSwallowedWhole() throws Exception {
        type("\033[1;5Q\033[Z\033[200~3");
        assertEquals(Action.OTHER, next(), "Ctrl-F2");
        assertEquals(Action.OTHER, next(), "Shift-Tab");
        assertEquals(Action.OTHER, next(), "bracketed paste start");
        assertEquals(Action.SORT_OWN_TIME, next(), "no '1', '5' or 'Q' leaked out of the sequences");
        assertEquals(Action.NONE, keys.next(300));
    }

    @Test
    void aTerminalThatWentAwayEndsTheKeys() throws Exception {
        type("x");
        assertEquals(Action.OTHER, next());
        input.close();
        assertEquals(Action.END_OF_INPUT, next());
        assertEquals(Action.NONE, keys.next(10), "once");
    }

    @Test
    void keysTypedAheadComeOneByOneAndNothingWaitsWithoutInput() throws Exception {
        type("\033x12");
        assertEquals(Action.BACK, next(), "Esc, then x: no binding for ESC x");
        assertEquals(Action.OTHER, next());
        assertEquals(Action.SORT_OWN_PCT, next());
        assertEquals(Action.SORT_TOTAL_PCT, next());
        long start = System.nanoTime();
        assertEquals(Action.NONE, keys.next(120));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 100 && ms < 1_000, "waits for the timeout, no longer: " + ms);
        type("t");
        assertEquals(Action.THREADS, keys.next(1_000), "a key after a wait");
    }

    @Test
    void movementKeysGoToTheTableOnScreen() {
        TopStats stats = TopRendererTest.stats();
        assertTrue(TopKeys.apply(Action.IDLE, stats));
        assertTrue(stats.idle());
        assertFalse(TopKeys.apply(Action.HELP, stats));
        assertFalse(TopKeys.apply(Action.BACK, stats), "Esc with nothing open");
        assertTrue(TopKeys.apply(Action.DOWN, stats));
    }
}
