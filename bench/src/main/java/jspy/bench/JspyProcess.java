package jspy.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the jspy side of an overhead run (record, record without wait targets, top) and waits until it samples. */
final class JspyProcess {
    private JspyProcess() {
    }

    /** baselineJar: the jar top runs for TOP_BASELINE, else null. */
    static Proc start(Env env, Path baselineJar, Overhead.Profiler p, Path dir, String pid) throws Exception {
        // The default rate is not passed: an explicit -r turns jspy's --sample-limit off.
        List<String> rate = p.hz() == 100 ? List.of() : List.of("-r", String.valueOf(p.hz()));
        if (p.kind().record()) {
            // -Djspy.waits=off (and .source=agent) through the JVM's own variable: jspy has no option for them.
            List<String> record = new ArrayList<>(switch (p.kind()) {
                case RECORD_NO_WAITS -> List.of("env", "JAVA_TOOL_OPTIONS=-Djspy.waits=off");
                case RECORD_AGENT_WAITS -> List.of("env", "JAVA_TOOL_OPTIONS=-Djspy.waits.source=agent");
                default -> List.<String>of();
            });
            // Folded output: writing it after the target exits is quick and keeps rounds short.
            // JSON too: its rateHz is the per-thread rate achieved (issue 9: >= 20 Hz with 1,000 threads).
            record.addAll(env.jspyCommand(concat(List.of("record", "-p", pid, "--idle"), rate,
                    List.of("-f", "collapsed,json", "-o", dir.resolve("profile.collapsed").toString()))));
            Proc profiler = Proc.start(record, dir, "jspy");
            if (!Proc.awaitText(profiler.err, "Sampling", profiler.process, 60)) {
                throw new IllegalStateException("jspy record did not start: " + Proc.firstLine(profiler.stderr()));
            }
            return profiler;
        }
        // top draws on a terminal: give it one (script allocates a pty), wait for a screen. The
        // baseline runs the same command on another jar (the launcher runs $JSPY_JAR when set).
        String jar = baselineJar != null ? "env JSPY_JAR='" + baselineJar + "' " : "";
        Proc profiler = Proc.start(List.of("script", "-qfec", jar + String.join(" ",
                env.jspyCommand(concat(List.of("top", "-p", pid), rate, List.of()))), "/dev/null"), dir, "top");
        if (!Proc.awaitText(profiler.out, "cpu", profiler.process, 60)) {
            throw new IllegalStateException("jspy top showed no screen: " + Proc.firstLine(profiler.stderr()));
        }
        return profiler;
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all.toArray(new String[0]);
    }
}
