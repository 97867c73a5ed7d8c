package jspy.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import jspy.cli.profile.WaitTarget;
import org.junit.jupiter.api.Test;

/** jspy_wait_seconds_total's series stay bounded, and a series never moves once it has a name. */
class WaitSecondsTest {
    private static Sample peer(String peer, long count) {
        return new Sample(List.of("[t tid=1]", "java.net.Socket.read"), Bucket.SOCKET, count, WaitTarget.peer(peer));
    }

    @Test
    void theBusiestFirstTargetsGetSeriesAndTheRestAreOther() {
        WaitSeconds w = new WaitSeconds();
        List<Sample> window = new ArrayList<>();
        for (int i = 0; i < WaitSeconds.LIMIT + 5; i++) {
            window.add(peer("10.0.0." + i + ":5432", i + 1)); // the last ones are the busiest
        }
        window.add(new Sample(List.of("[t tid=2]", "Foo.run"), Bucket.CPU, 100));
        w.add(window, 0.5);
        Map<WaitSeconds.Key, Double> s = w.snapshot();
        assertEquals(WaitSeconds.LIMIT + 1, s.size(), s.toString());
        assertEquals(7.5, s.get(new WaitSeconds.Key(Bucket.SOCKET, "10.0.0.14:5432")));
        // the five least busy: 1..5 samples, 15 in all, half a second each
        assertEquals(7.5, s.get(new WaitSeconds.Key(Bucket.SOCKET, WaitSeconds.OTHER)));

        // a new, busier target later goes to other: the named series keep counting
        w.add(List.of(peer("10.9.9.9:1", 1000), peer("10.0.0.14:5432", 2)), 1);
        s = w.snapshot();
        assertEquals(WaitSeconds.LIMIT + 1, s.size(), s.toString());
        assertEquals(1007.5, s.get(new WaitSeconds.Key(Bucket.SOCKET, WaitSeconds.OTHER)));
        assertEquals(9.5, s.get(new WaitSeconds.Key(Bucket.SOCKET, "10.0.0.14:5432")));
    }
}
