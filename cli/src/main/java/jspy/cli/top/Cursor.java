package jspy.cli.top;

import java.util.List;

/**
 * The highlighted row of one table and the first row on screen. The highlight follows its row by
 * name, as htop's follows a process: the table re-sorts on every refresh, and a highlight that
 * stayed at a position would jump to another function under the user's hands. Keys move it
 * relative to the rows last drawn.
 */
final class Cursor {
    private List<String> names = List.of();
    private String selectedName;
    private int selected;
    private int first;
    private int page = 1;

    /** Called by the renderer with the rows in display order and how many fit; scrolls to keep the highlight visible. */
    void place(List<String> rows, int visible) {
        names = rows;
        page = Math.max(1, visible);
        int at = selectedName == null ? -1 : rows.indexOf(selectedName);
        selected = clamp(at >= 0 ? at : selected);
        if (selected < first) {
            first = selected;
        } else if (selected >= first + page) {
            first = selected - page + 1;
        }
        first = Math.max(0, Math.min(first, rows.size() - page));
        selectedName = rows.isEmpty() ? null : rows.get(selected);
    }

    void move(int delta) {
        select(selected + delta);
    }

    /** PgUp/PgDn: the view scrolls a page and the highlight keeps its place on the screen. */
    void page(int direction) {
        first = Math.max(0, first + direction * page);
        select(selected + direction * page);
    }

    void home() {
        first = 0;
        select(0);
    }

    void end() {
        select(names.size() - 1);
    }

    private void select(int index) {
        selected = clamp(index);
        selectedName = names.isEmpty() ? null : names.get(selected);
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(index, names.size() - 1));
    }

    /** Index of the highlighted row in the list last placed. */
    int selected() {
        return selected;
    }

    /** Index of the first row on screen. */
    int first() {
        return first;
    }

    /** The highlighted row, or null if the table was empty. */
    String selectedName() {
        return selectedName;
    }

    int size() {
        return names.size();
    }
}
