package jspy.cli;

import jspy.cli.attach.NativeHeap;
import picocli.CommandLine.Option;

/** The opt-out from the native-heap trim, for the commands that attach and sample (record, top, serve). */
public final class NativeTrimOption {
    @Option(names = "--no-native-trim", description = "Never ask the JVM to trim its native heap. By default jspy asks "
            + "it every 5 minutes and at the end (System.trim_native_heap, JDK 17.0.9+ and 21+ on glibc) to give back "
            + "the memory its malloc kept after the profiler freed it.")
    boolean off;

    /**
     * Called by each command before it attaches. Not an option setter: picocli calls a setter
     * only when the option is given, and tests run many commands in one JVM.
     */
    void apply() {
        NativeHeap.enable(!off);
    }
}
