package jspy.cli.dump;

import java.util.List;

/**
 * Every thread of one JVM at one moment: platform threads first, then virtual ones, each by id.
 * notes: what could not be dumped (shown, never fatal).
 */
public record Dump(long pid, String mainClass, String javaVersion, List<DumpedThread> threads, List<String> notes) {
}
