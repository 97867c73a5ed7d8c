package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At the end of a recording, jspy asks the JVM to give back the native memory its
 * malloc kept after the profiler freed it (System.trim_native_heap, which both JDKs here have):
 * the JVM's own answer is in the --verbose log, and the target prints nothing.
 */
class NativeHeapIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theTargetsNativeHeapIsTrimmedAfterARecording(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir)) {
            Pattern trimmed = Pattern.compile("JVM " + app.pid() + ": Trim native heap: RSS\\+Swap: \\S+->\\S+");
            JspyRun record = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "--verbose",
                    "-o", "p.collapsed");
            assertEquals(0, record.exitCode(), record.stderr());
            assertTrue(trimmed.matcher(record.stderr()).find(), "record: " + record.stderr());
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /** --no-native-trim: the JVM is never asked, so its answer never appears. */
    @Test
    void noNativeTrimLeavesTheHeapAlone() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun record = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "--verbose",
                    "--no-native-trim", "-o", "p.collapsed");
            assertEquals(0, record.exitCode(), record.stderr());
            // the end of the session, where the trim would be asked for, was reached
            assertTrue(record.stderr().contains("] agent stopped"), record.stderr());
            assertFalse(record.stderr().contains("Trim native heap"), "record: " + record.stderr());
            assertFalse(record.stderr().contains("trim its native heap"), "record: " + record.stderr());
        }
    }
}
