package jspy.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point inside the target JVM. The CLI has already loaded libasyncProfiler.so into the
 * target (so async-profiler's natives are bound and nothing calls System.load, which would print
 * JEP 472 warnings on JDK 25), then loads this jar with the session's arguments.
 *
 * <p>It must return quickly (it runs on the Attach Listener thread) and must never write to the
 * target's stdout or stderr: every message goes to files in the session directory.
 */
public final class JspyAgent {
    private JspyAgent() {
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /** Launch mode: the same session, started from -javaagent before main runs. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        AgentArgs parsed;
        try {
            parsed = AgentArgs.parse(args);
        } catch (IllegalArgumentException e) {
            return; // no directory to report into; the CLI times out and says so
        }
        Session.begin(parsed, inst);
    }
}
