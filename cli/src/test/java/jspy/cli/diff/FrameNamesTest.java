package jspy.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FrameNamesTest {
    static String name(FrameNames names, String line, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = FrameNames.hash(hash, line.charAt(i));
        }
        return names.name(line.toCharArray(), start, end, hash);
    }

    @Test
    void oneNormalizedInstancePerName() {
        FrameNames names = new FrameNames();
        String a = name(names, "x;App.run;y", 2, 9);
        assertEquals("App.run", a);
        assertSame(a, name(names, "App.run 3", 0, 7));
        String lambda = name(names, "App$$Lambda$8.0x00007f7744000c30.run", 0, 36);
        assertEquals("App$$Lambda.run", lambda);
        assertSame(lambda, name(names, "App$$Lambda.0x0000000030043a28.run", 0, 34), "normalized alike: one name");
        assertEquals("App.run", name(names, "App.run_[j]", 0, 11));
        assertEquals("", name(names, ";;", 1, 1));
        assertEquals(5, names.size());
    }

    @Test
    void findsEveryNameAfterGrowing() {
        FrameNames names = new FrameNames();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 20_000; i++) {
                String frame = "pkg/C" + i + ".m";
                assertEquals(frame, name(names, frame, 0, frame.length()));
            }
        }
        assertEquals(20_000, names.size());
    }
}
