package jspy.cli.top;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jline.keymap.KeyMap;

/** Maps keys to what they do in {@code jspy top}; the only place that knows the key bindings. */
public final class TopKeys {
    /**
     * NONE: no key came; OTHER: a key without a binding (it still closes the help); SEQUENCE: the
     * start of an escape sequence nobody bound, swallowed by KeyInput so its tail is no key.
     */
    public enum Action { NONE, OTHER, SORT_OWN_PCT, SORT_TOTAL_PCT, SORT_OWN_TIME, SORT_TOTAL_TIME, FILTER, IDLE, THREADS, WAITS, GROUP, SMALL, SHORT_NAMES,
        RESET, HELP, QUIT, END_OF_INPUT, UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, BACK, SEQUENCE }

    /** Lines for the help overlay, in the order the keys are listed. */
    public static final String[] HELP = {
        "1  sort by %Own (share of the window where the function is the leaf); threads: %Samples",
        "2  sort by %Total (share of the window where it is anywhere on the stack); threads: %Samples",
        "3  sort by OwnTime (seconds as leaf since start or reset); threads: Time",
        "4  sort by TotalTime (seconds anywhere on the stack since start or reset); threads: Time",
        "b  cycle the bucket filter: all, cpu, socket, poll, jdbc, pool, lock, io, await, jvm (idle)",
        "i  show or hide idle samples (sleeping, parked, waiting)",
        "t  switch between functions and threads (one row per thread: name and tid)",
        "w  switch to the Waits view: a row per peer, lock and pool the waits name, its threads and the lock owner's bucket",
        "g  threads: group by name, digits as * (backend-conn-*), virtual threads as one group",
        "a  functions: show or hide the rows under 0.1% (the Sort line says how many are hidden)",
        "n  short names (NioSocketImpl.read rather than sun.nio.ch.NioSocketImpl.read), as in the SVG",
        "r  reset the accumulated times and counts",
        "Up/Down, PgUp/PgDn, Home/End  move the highlighted row and scroll",
        "Enter  show the callers of the highlighted function; Esc goes back",
        "?  show or hide this help",
        "q  quit (also Ctrl-C)",
    };

    /**
     * How long a lone ESC waits for the rest of a sequence before it counts as the Esc key. A
     * terminal sends an arrow's bytes in one write, so 100 ms (vim's default ttimeoutlen) is
     * plenty locally and still feels instant; JLine's default of 1 s made Esc feel broken.
     */
    static final long ESC_TIMEOUT_MS = 100;

    /** xterm's modifier codes in {@code ESC [ 1 ; m A}: Shift-Up still moves up. */
    private static final int[] MODIFIERS = {2, 3, 4, 5, 6, 7, 8};

    private TopKeys() {
    }

    /**
     * The bindings. Escape sequences are listed for both cursor-key modes (CSI {@code ESC [ A} and
     * SS3 {@code ESC O A}) and for the Home/End variants of xterm, tmux/screen and the Linux
     * console, so top needs no terminfo lookup. Every prefix of a bound sequence is bound to
     * SEQUENCE, so an unknown sequence (Ctrl-F5, say) is swallowed whole instead of falling apart
     * into ESC, '[', '1' ... and triggering a sort.
     */
    public static KeyMap<Action> keyMap() {
        KeyMap<Action> map = new KeyMap<>();
        map.setAmbiguousTimeout(ESC_TIMEOUT_MS);
        map.setNomatch(Action.OTHER);
        map.setUnicode(Action.OTHER);
        List<String[]> sequences = new ArrayList<>();
        sequences.add(arrow(Action.UP, 'A'));
        sequences.add(arrow(Action.DOWN, 'B'));
        sequences.add(arrow(Action.ENTER, 'C'));
        sequences.add(arrow(Action.BACK, 'D'));
        sequences.add(arrow(Action.HOME, 'H'));
        sequences.add(arrow(Action.END, 'F'));
        sequences.add(tilde(Action.HOME, 1, 7));
        sequences.add(tilde(Action.END, 4, 8));
        sequences.add(tilde(Action.PAGE_UP, 5));
        sequences.add(tilde(Action.PAGE_DOWN, 6));
        for (String[] seqs : sequences) {
            for (int i = 1; i < seqs.length; i++) {
                for (int end = 2; end < seqs[i].length(); end++) {
                    map.bindIfNotBound(Action.SEQUENCE, seqs[i].substring(0, end));
                }
            }
        }
        for (String[] seqs : sequences) {
            for (int i = 1; i < seqs.length; i++) {
                map.bind(Action.valueOf(seqs[0]), seqs[i]);
            }
        }
        letters(map);
        return map;
    }

    private static void letters(KeyMap<Action> map) {
        map.bind(Action.SORT_OWN_PCT, "1");
        map.bind(Action.SORT_TOTAL_PCT, "2");
        map.bind(Action.SORT_OWN_TIME, "3");
        map.bind(Action.SORT_TOTAL_TIME, "4");
        map.bind(Action.FILTER, "b", "B");
        map.bind(Action.IDLE, "i", "I");
        map.bind(Action.THREADS, "t", "T");
        map.bind(Action.WAITS, "w", "W");
        map.bind(Action.GROUP, "g", "G");
        map.bind(Action.SMALL, "a", "A");
        map.bind(Action.SHORT_NAMES, "n", "N");
        map.bind(Action.RESET, "r", "R");
        map.bind(Action.HELP, "?", "h", "H");
        map.bind(Action.QUIT, "q", "Q", KeyMap.ctrl('C'), KeyMap.ctrl('D'));
        map.bind(Action.UP, "k");
        map.bind(Action.DOWN, "j");
        map.bind(Action.ENTER, "\r", "\n");
        map.bind(Action.BACK, KeyMap.esc(), KeyMap.del(), KeyMap.ctrl('H'));
    }

    /** {@code ESC [ x}, {@code ESC O x} and the modified {@code ESC [ 1 ; m x}; element 0 is the action. */
    private static String[] arrow(Action action, char key) {
        List<String> out = new ArrayList<>(List.of(action.name(), "\033[" + key, "\033O" + key));
        for (int m : MODIFIERS) {
            out.add("\033[1;" + m + key);
        }
        return out.toArray(new String[0]);
    }

    /** {@code ESC [ n ~} and the modified {@code ESC [ n ; m ~}; element 0 is the action. */
    private static String[] tilde(Action action, int... codes) {
        List<String> out = new ArrayList<>(List.of(action.name()));
        for (int code : codes) {
            out.add("\033[" + code + "~");
            for (int m : MODIFIERS) {
                out.add("\033[" + code + ";" + m + "~");
            }
        }
        return out.toArray(new String[0]);
    }

    /** Keys from the terminal's bytes, read on the caller's thread (see KeyInput). */
    public static KeyInput start(InputStream in) {
        return new KeyInput(in, keyMap());
    }

    /** Applies a key to the model and the view; returns false for keys neither handles (help, quit). */
    public static boolean apply(Action action, TopStats stats) {
        TopView view = stats.view();
        switch (action) {
            case SORT_OWN_PCT -> stats.sort(TopStats.Sort.OWN_PCT);
            case SORT_TOTAL_PCT -> stats.sort(TopStats.Sort.TOTAL_PCT);
            case SORT_OWN_TIME -> stats.sort(TopStats.Sort.OWN_TIME);
            case SORT_TOTAL_TIME -> stats.sort(TopStats.Sort.TOTAL_TIME);
            case FILTER -> stats.cycleFilter();
            case IDLE -> stats.toggleIdle();
            case THREADS -> stats.toggleThreads();
            case WAITS -> stats.toggleWaits();
            case GROUP -> stats.toggleGrouped();
            case SMALL -> stats.toggleSmall();
            case SHORT_NAMES -> view.toggleShortNames();
            case RESET -> stats.reset();
            case ENTER -> view.openCallers(stats.threadView() || stats.waitsView());
            case BACK -> {
                return view.back();
            }
            default -> {
                return view.move(action, view.cursor(stats));
            }
        }
        return true;
    }
}
