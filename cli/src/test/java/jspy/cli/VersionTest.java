package jspy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jspy --version names jspy's version and commit, async-profiler's version and the runtime. */
class VersionTest {
    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "record -V", "dump --version"})
    void versionNamesJspyItsCommitAsyncProfilerAndTheRuntime(String args) {
        HelpTest.Run r = HelpTest.run(args.split(" "));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        // build.properties, written by 'mvn generate-resources' from this git checkout
        assertTrue(lines.get(0).matches("jspy \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{12}(-dirty)?\\)"),
                lines.get(0));
        assertTrue(lines.get(1).matches("async-profiler \\d+\\.\\d+(\\.\\d+)?"), lines.get(1));
        assertEquals("runtime: Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.vm.name") + ") at " + System.getProperty("java.home"), lines.get(2));
    }
}
