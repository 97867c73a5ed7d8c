package jspy.flamegraph;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A colour class of frames, e.g. the CLI's buckets cpu, socket, poll, jdbc, lock, io, jvm, idle.
 *
 * @param name  shown in the legend
 * @param color {@code "#rrggbb"}; frames get shades of it
 */
public record Category(String name, String color) {
    // Checked here because the colour is written into the SVG's script unescaped by design.
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Category {
        Objects.requireNonNull(name, "name");
        if (color == null || !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("color must be #rrggbb, got " + color);
        }
    }
}
