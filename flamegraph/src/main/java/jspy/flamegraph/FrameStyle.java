package jspy.flamegraph;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Overrides the colour and tooltip of single frames, for views whose colour is not a category,
 * such as a differential flame graph (red grew, blue shrank).
 */
@FunctionalInterface
public interface FrameStyle {
    /**
     * @param path    the frame's call path, root first (without the "all" root); empty for the root
     * @param samples the frame's samples in the tree
     * @return the frame's look, or null to keep the category shade and the default tooltip
     */
    Look look(List<String> path, long samples);

    /**
     * @param color {@code "#rrggbb"}, used as is (no per-name shade)
     * @param note  replaces "N samples, P%" in the tooltip, e.g. "base 80, new 120, +4.00 pp"
     */
    record Look(String color, String note) {
        private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

        public Look {
            // Checked here because the colour is written into the SVG's script unescaped.
            if (color == null || !COLOR.matcher(color).matches()) {
                throw new IllegalArgumentException("color must be #rrggbb, got " + color);
            }
            Objects.requireNonNull(note, "note");
        }
    }
}
