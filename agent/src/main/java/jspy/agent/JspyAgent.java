package jspy.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point inside the target JVM. The CLI has already loaded libasyncProfiler.so into the
 * target (so async-profiler's natives are bound and nothing calls System.load, which would print
 * JEP 472 warnings on JDK 25), then loads this jar with the session's arguments.
 *
 * <p>It must return quickly (it runs on the Attach Listener thread) and must never write to the
 * target's stdout or stderr: every message goes to files in the session directory.
 *
 * <p>With {@code mode=dump} it writes one thread dump and returns; the CLI has then loaded the
 * library only where the JVM would otherwise warn about a dynamically loaded agent (JDK 21+).
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
        // Names this agent's protocol: a JVM keeps the first jspy agent it loaded (same class
        // names, first jar on the class path wins), so a newer CLI must be able to tell.
        new Channel(parsed.dir, parsed.controlDir).publishQuietly(Protocol.AGENT, Protocol.VERSION + "\n");
        if (parsed.dump) {
            // On the Attach Listener thread, before the load command returns: jattach's answer
            // is the CLI's signal that the files are there, and no thread of ours outlives it.
            ThreadDump.write(new Channel(parsed.dir, parsed.controlDir));
            return;
        }
        Session.begin(parsed, inst);
    }
}
