package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import jspy.cli.profile.ThreadState;
import org.junit.jupiter.api.Test;

/**
 * Carrier samples recorded on Temurin 25.0.3 (vthreads-carriers-jdk25.collapsed: two carriers each
 * running a spinning virtual thread) against the JSON dump the JVM wrote meanwhile
 * (vthreads-mounted-jdk25.json: vt-cpu-0 tid 22 on carrier 23, vt-cpu-1 tid 24 on carrier 25).
 */
class CarriersTest {
    private static final long CARRIER_OS_TID = 6509;

    private static String resource(String name) throws IOException {
        try (InputStream in = CarriersTest.class.getResourceAsStream("/stacks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** worker-1's sample as JfrChunks makes it: the thread frame, then the stack, no bucket. */
    private static StackSample carrierSample() throws IOException {
        for (String line : resource("vthreads-carriers-jdk25.collapsed").split("\n")) {
            if (line.contains("[ForkJoinPool-1-worker-1 ")) {
                List<String> frames = Arrays.asList(line.substring(0, line.lastIndexOf(' ')).split(";"));
                return new StackSample(CARRIER_OS_TID, ThreadState.RUNNING, 0, 3, frames.subList(1, frames.size()));
            }
        }
        throw new AssertionError("the recording has no worker-1 line");
    }

    private static Carriers carriers(String json) {
        Carriers c = new Carriers(new HashMap<>());
        c.update(json);
        return c;
    }

    @Test
    void aCarrierSampleIsNamedAfterTheVirtualThreadTheDumpSawMountedThereAndCutToItsStack() throws Exception {
        StackSample s = carriers(resource("vthreads-mounted-jdk25.json")).attribute(carrierSample(), 23L);
        assertEquals("[vt-cpu-0 tid=22 virtual]", s.frames().get(0));
        assertEquals(Carriers.ENTRY, s.frames().get(1), "the carrier's own frames are cut");
        assertEquals("VtCpu.spin", s.frames().get(s.frames().size() - 1));
        assertEquals(22, s.tid(), "one track with the dumps' samples of the same thread");
        assertEquals(3, s.weight());
        assertEquals(ThreadState.RUNNING, s.state());
    }

    @Test
    void anUnknownCarrierOrAStackThatIsNotTheDumpedThreadsSaysVirtualOnThatCarrier() throws Exception {
        String dump = resource("vthreads-mounted-jdk25.json");
        String expected = "[virtual@ForkJoinPool-1-worker-1 tid=" + CARRIER_OS_TID + " virtual]";
        assertEquals(expected, carriers(dump).attribute(carrierSample(), 99L).frames().get(0));
        assertEquals(expected, carriers(dump).attribute(carrierSample(), null).frames().get(0));
        // carrier 23 ran vt-cpu-0 at the dump, but this sample runs other code: it has moved on
        StackSample other = carrierSample();
        List<String> frames = new ArrayList<>(other.frames());
        frames.set(frames.size() - 2, "com/acme/Other.lambda$run$0");
        StackSample moved = new StackSample(other.tid(), other.state(), 0, 1, frames);
        assertEquals(expected, carriers(dump).attribute(moved, 23L).frames().get(0));
        // JDK 21-24 dumps name no carrier
        String jdk21 = dump.replaceAll(",\\s*\"carrier\": \"\\d+\"", "");
        assertEquals(expected, carriers(jdk21).attribute(carrierSample(), 23L).frames().get(0));
        assertEquals(Carriers.ENTRY, carriers(jdk21).attribute(carrierSample(), 23L).frames().get(1));
    }

    @Test
    void aStackCutAtAContinuationBarrierIsTheVirtualThreadsToo() throws Exception {
        String line = resource("vthreads-carriers-jdk25.collapsed").lines().filter(l -> l.contains("cont_returnBarrier"))
                .findFirst().orElseThrow();
        List<String> recorded = Arrays.asList(line.substring(0, line.lastIndexOf(' ')).split(";"));
        StackSample jdbc = new StackSample(29113, ThreadState.RUNNING, 0, 1, recorded.subList(1, recorded.size()));
        StackSample s = carriers(resource("vthreads-mounted-jdk25.json")).attribute(jdbc, 99L);
        assertEquals(List.of("[virtual@ForkJoinPool-1-worker-3 tid=29113 virtual]", Carriers.ENTRY, "cont_returnBarrier",
                "jspy/testapps/VirtualServiceApp.query"), s.frames().subList(0, 4));
        // vt-cpu-0's frames, cut at a barrier, on its carrier
        StackSample spin = new StackSample(CARRIER_OS_TID, ThreadState.RUNNING, 0, 1,
                List.of("[ForkJoinPool-1-worker-1 tid=6509]", "cont_returnBarrier", "VtCpu.spin"));
        assertEquals("[vt-cpu-0 tid=22 virtual]",
                carriers(resource("vthreads-mounted-jdk25.json")).attribute(spin, 23L).frames().get(0));
    }

    @Test
    void aPlatformThreadsSampleIsLeftAlone() throws Exception {
        StackSample platform = new StackSample(7, ThreadState.RUNNING, 0, 1,
                List.of("[ForkJoinPool-1-worker-1 tid=7]", "java/util/concurrent/ForkJoinWorkerThread.run",
                        "java/util/concurrent/ForkJoinPool.awaitWork"));
        assertSame(platform, carriers(resource("vthreads-mounted-jdk25.json")).attribute(platform, 23L));
    }

    @Test
    void theRootIsTheOutermostFrameAboveVirtualThreadRunInTheRulesSpelling() {
        assertEquals("com/acme/Work.lambda$main$0", Carriers.root(List.of("app//com.acme.Work.spin(Work.java:9)",
                "app//com.acme.Work.lambda$main$0(Work.java:5)", "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)")));
        assertEquals(null, Carriers.root(List.of()));
    }
}
