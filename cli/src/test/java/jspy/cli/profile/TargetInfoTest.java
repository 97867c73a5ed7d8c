package jspy.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How every output names what was profiled. */
class TargetInfoTest {
    @Test
    void oneJvmByPidMainClassAndJdk() {
        assertEquals("pid 1234 · com.acme.Main · JDK 17.0.15", new TargetInfo(1234, "com.acme.Main", "17.0.15").describe());
        assertEquals("pid 1234", new TargetInfo(1234, null, "").describe(), "what is unknown is left out");
    }

    @Test
    void launchModeCountsTheJvmsBeforeTheLongCommand() {
        String command = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java -cp /work/test-apps/target/classes jspy.test...";
        assertEquals("pid 77 · 3 JVMs · " + command + " · JDK 17.0.15/25.0.1",
                new TargetInfo(77, command, "17.0.15/25.0.1", 3).describe());
        assertEquals("pid 77 · 0 JVMs · sh -c true", new TargetInfo(77, "sh -c true", "", 0).describe());
    }
}
