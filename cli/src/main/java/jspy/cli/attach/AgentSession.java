package jspy.cli.attach;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Log;
import jspy.agent.Protocol;
import jspy.cli.profile.TargetInfo;

/**
 * One attached agent and the private channel to it: a session directory inside the target's
 * filesystem that only its user can read. We touch a heartbeat file; the agent stops sampling by
 * itself when the heartbeat goes stale (jspy was killed), when we ask, or when the JVM exits.
 */
public final class AgentSession implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final TargetJvm target;
    private final AgentDir dir;
    private final long intervalNanos;
    private TargetInfo info;
    private String unconfirmed;
    private final NativeHeap heap;

    private AgentSession(TargetJvm target, Path dir, long intervalNanos, NativeHeap heap) {
        this.target = target;
        this.dir = new AgentDir(dir);
        this.intervalNanos = intervalNanos;
        this.heap = heap;
    }

    /** The sampling interval asked of the agent. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** Attaches: loads the library, then the agent, and waits until the agent samples. */
    public static AgentSession start(TargetJvm target, long intervalNanos, long periodMillis) {
        Log.debug("installing jattach, async-profiler and the agent");
        Path jattach = Embedded.jattach();
        Embedded.Installed installed = Embedded.install(target);
        Log.debug("installed in " + installed.hostDir());
        String name = newSessionName();
        Path dir = PrivateDir.ensure(installed.hostDir().getParent().resolve(name), target.uid(), target.gid());
        String targetDir = installed.targetDir().substring(0, installed.targetDir().lastIndexOf('/')) + "/" + name;
        AgentSession session = new AgentSession(target, dir, intervalNanos, new NativeHeap(jattach, target.pid()));
        try {
            session.heartbeat();
            // Library first: the agent then finds async-profiler's natives bound and never calls
            // System.load, which on JDK 25 would print JEP 472 warnings into the target.
            if (target.loadedProfilerLibrary() == null) {
                Log.debug("loading libasyncProfiler.so into " + target.pid());
                Jattach.run(jattach, target, "load", installed.target("libasyncProfiler.so"), "true",
                        "status,log=" + targetDir + "/" + Protocol.LOAD_LOG);
            }
            Log.debug("loading the agent");
            Jattach.run(jattach, target, "load", "instrument", "false", installed.target("jspy-agent.jar")
                    + "=" + Protocol.ARG_DIR + "=" + targetDir + "," + Protocol.ARG_INTERVAL + "=" + intervalNanos + ","
                    + Protocol.ARG_PERIOD + "=" + periodMillis);
            session.awaitStart();
            Log.debug("agent sampling");
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    static String newSessionName() {
        return PrivateDir.uniqueName("s-");
    }

    private void awaitStart() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!target.alive()) {
                throw new JspyException(ExitCode.ATTACH_FAILED, "JVM " + target.pid() + " exited while the agent was "
                        + "starting", "check that the JVM is still running, then try again");
            }
            String error = dir.error();
            if (error != null) {
                // The session directory goes away on close(), so say what async-profiler logged now.
                String log = dir.read(Protocol.PROFILER_LOG);
                String detail = log == null || log.isBlank() ? "" : " (" + log.strip().replace('\n', ' ') + ")";
                throw new JspyException(ExitCode.ATTACH_FAILED, "the agent could not start in JVM " + target.pid() + ": "
                        + error.trim() + detail, error.contains("another profiler") || error.contains("already")
                        ? "jspy never stops a profiler session it did not start: stop that one first (asprof stop)"
                        : "run with --verbose for the attach steps");
            }
            Properties p = dir.info();
            if (p != null) {
                if (dir.staleAgent()) {
                    throw AgentDir.staleAgent(target.pid()); // it samples, but in a format we no longer read
                }
                info = AgentDir.targetInfo(target.pid(), p);
                return;
            }
            heartbeat();
            sleep(20);
        }
        if (dir.staleAgent()) {
            throw AgentDir.staleAgent(target.pid());
        }
        throw new JspyException(ExitCode.ATTACH_FAILED, "the agent did not start in JVM " + target.pid() + " within "
                + START_TIMEOUT_MS / 1000 + " s", "is the JVM older than Java 8, or not HotSpot/OpenJDK?");
    }

    public TargetInfo info() {
        return info;
    }

    public TargetJvm target() {
        return target;
    }

    /** Tells the agent we are alive (and now and then trims the JVM's native heap); cheap enough for every loop turn. */
    public void heartbeat() {
        dir.heartbeat();
        heap.maybeTrim();
    }

    /** The agent's directory: its recordings and control files. */
    public AgentDir dir() {
        return dir;
    }

    /** Classes the agent saw implementing java.sql interfaces. */
    public Set<String> jdbcClasses() {
        return dir.jdbcClasses();
    }

    /** True when the agent stopped because it heard no heartbeat (not a JVM exit). */
    public boolean stoppedByItself() {
        return Protocol.DONE_ABANDONED.equals(dir.doneReason());
    }

    /**
     * Asks the agent to stop and waits (bounded) until it has closed its last window, or the JVM
     * is gone (it died without running its exit hooks, or its filesystem went with it).
     */
    public void finish() {
        dir.requestStop();
        Log.debug("asked the agent to stop");
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MS;
        while (!dir.done() && target.alive() && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        if (!dir.done() && target.alive()) {
            // Its agent cannot run while it is stopped; close() removes the session directory, and
            // once the JVM runs again the agent finds no heartbeat and stops by itself (measured
            // with SIGSTOP and SIGCONT, JDK 17: no jspy thread left, nothing printed).
            unconfirmed = "JVM " + target.pid() + (target.stopped() ? " is stopped (state T: SIGSTOP or a debugger)"
                    : " did not answer") + " and did not confirm the stop within " + STOP_TIMEOUT_MS / 1000
                    + " s; its last window is missing, and its agent stops by itself once it runs again";
        }
        Log.debug(unconfirmed == null ? "agent stopped" : unconfirmed);
        if (dir.done() && target.alive()) {
            heap.trim(); // what async-profiler freed at its stop goes back too
        }
    }

    /** Why the agent did not confirm the stop finish() asked for, or null if it did. */
    public String unconfirmedStop() {
        return unconfirmed;
    }

    @Override
    public void close() {
        dir.delete();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
