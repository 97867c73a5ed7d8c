package jspy.cli.top;

import jspy.flamegraph.Names;

/**
 * What the user looks at, apart from the numbers: the highlighted row and scroll position of each
 * table, and which function's callers are open. Each table keeps its own cursor, so switching to
 * the threads and back, or opening and closing callers, returns to the same row.
 */
public final class TopView {
    final Cursor functions = new Cursor();
    final Cursor threads = new Cursor();
    final Cursor callers = new Cursor();
    final Cursor waits = new Cursor();
    private String callersOf;
    private boolean shortNames;

    /** {@code n}: function names without their package, as the SVG's "Short names" button. */
    void toggleShortNames() {
        shortNames = !shortNames;
    }

    /** A function's name as the tables show it: whole, or short after {@code n}. */
    String label(String function) {
        return shortNames ? Names.shortName(function) : function;
    }

    /** The function whose callers are shown, or null for the function table. */
    public String callersOf() {
        return callersOf;
    }

    /** The cursor of the table on screen. */
    Cursor cursor(boolean threadView) {
        if (threadView) {
            return threads;
        }
        return callersOf == null ? functions : callers;
    }

    /** The cursor of the table on screen, the Waits view's included. */
    Cursor cursor(TopStats stats) {
        return stats.waitsView() ? waits : cursor(stats.threadView());
    }

    /** Opens the callers of the highlighted function; a no-op in the thread view or on an empty table. */
    void openCallers(boolean threadView) {
        if (!threadView && callersOf == null && functions.selectedName() != null) {
            callersOf = functions.selectedName();
            callers.home();
        }
    }

    /** Back from the callers to the function table; true if there was something to close. */
    boolean back() {
        boolean open = callersOf != null;
        callersOf = null;
        return open;
    }

    /** Applies a movement key to the table on screen; false for keys that are no movement. */
    boolean move(TopKeys.Action action, boolean threadView) {
        return move(action, cursor(threadView));
    }

    boolean move(TopKeys.Action action, Cursor c) {
        switch (action) {
            case UP -> c.move(-1);
            case DOWN -> c.move(1);
            case PAGE_UP -> c.page(-1);
            case PAGE_DOWN -> c.page(1);
            case HOME -> c.home();
            case END -> c.end();
            default -> {
                return false;
            }
        }
        return true;
    }
}
