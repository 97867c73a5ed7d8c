package jspy.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jspy.cli.diff.FoldedFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * With --lines every Java frame ends in {@code :LINE}; the rules match methods, so each real JDK 17
 * and 25 stack must land in the same bucket, in every thread state, and be owned by the same frame.
 */
class LineFramesTest {
    @ParameterizedTest
    @ValueSource(strings = {"situations-jdk17", "situations-jdk25", "h2-jdbc-jdk17", "h2-jdbc-jdk25"})
    void everyRealStackKeepsItsBucketAndOwnerWithLines(String name) throws IOException {
        List<Sample> samples;
        try (InputStream in = LineFramesTest.class.getResourceAsStream("/stacks/" + name + ".collapsed")) {
            assertTrue(in != null, "missing test resource " + name);
            samples = FoldedFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Set.of());
        }
        int withLines = 0;
        for (Sample s : samples) {
            List<String> lined = new ArrayList<>();
            for (String f : s.frames()) {
                lined.add(Frames.isJava(f) ? f + ":" + (100 + lined.size()) : f);
            }
            withLines += lined.equals(s.frames()) ? 0 : 1;
            for (ThreadState state : ThreadState.values()) {
                assertEquals(StateRules.classify(s.frames(), Set.of(), state), StateRules.classify(lined, Set.of(), state),
                        state + " " + String.join(";", lined));
            }
            int owner = Sample.ownIndex(s.frames(), 0);
            assertEquals(owner, Sample.ownIndex(lined, 0), "the owner frame moved: " + String.join(";", lined));
        }
        assertTrue(withLines >= 5, "too few stacks with Java frames in " + name);
    }

    @Test
    void onlyJavaFramesLoseALine() {
        List<String> frames = List.of("pid 12: com.acme.Main", "[pool-1:3 tid=42]", "java/lang/Thread.run:840",
                "ObjectMonitor::enter", "Java_sun_nio_ch_Net_poll", "com/acme/Parser.parse:42");
        assertEquals(List.of("pid 12: com.acme.Main", "[pool-1:3 tid=42]", "java/lang/Thread.run", "ObjectMonitor::enter",
                "Java_sun_nio_ch_Net_poll", "com/acme/Parser.parse"), Frames.withoutLines(frames));
        List<String> plain = List.of("[main tid=1]", "java/lang/Thread.sleep");
        assertSame(plain, Frames.withoutLines(plain), "no copy without lines: the default costs nothing");
        assertTrue(Frames.isJava("com/acme/Parser.parse:42"));
    }
}
