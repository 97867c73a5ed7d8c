package jspy.cli.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import jspy.cli.base.Log;
import jspy.agent.Protocol;
import jspy.cli.profile.TargetInfo;

/**
 * Launch mode: every JVM the command starts loads the library and the agent at start-up through
 * JAVA_TOOL_OPTIONS (no dynamic attach, so it works where attach is disabled). Each agent writes
 * into {@code <dir>/<pid>/}; all share our heartbeat and stop files in {@code <dir>}.
 */
public final class LaunchSession implements AutoCloseable {
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final AgentDir control;
    private final String toolOptions;
    private final Map<Long, AgentDir> jvms = new TreeMap<>();

    private final long intervalNanos;

    private LaunchSession(AgentDir control, String toolOptions, long intervalNanos) {
        this.control = control;
        this.toolOptions = toolOptions;
        this.intervalNanos = intervalNanos;
    }

    /** The sampling interval asked of the agents. */
    public long intervalNanos() {
        return intervalNanos;
    }

    public static LaunchSession prepare(long intervalNanos, long periodMillis) {
        Embedded.Installed installed = Embedded.installLocal();
        Path dir = PrivateDir.ensure(installed.hostDir().getParent().resolve(AgentSession.newSessionName()),
                PrivateDir.currentUid(), PrivateDir.currentGid());
        LaunchSession session = new LaunchSession(new AgentDir(dir), "-agentpath:"
                + installed.host("libasyncProfiler.so") + " -javaagent:" + installed.host("jspy-agent.jar") + "="
                + Protocol.ARG_DIR + "=" + dir + "," + Protocol.ARG_INTERVAL + "=" + intervalNanos + ","
                + Protocol.ARG_PERIOD + "=" + periodMillis + "," + Protocol.ARG_LAUNCH + "=1", intervalNanos);
        session.heartbeat();
        Log.debug("launch session in " + dir);
        return session;
    }

    /** Our options, to be put in front of any JAVA_TOOL_OPTIONS the user already has. */
    public String toolOptions() {
        return toolOptions;
    }

    public void heartbeat() {
        control.heartbeat();
    }

    /** The agents of the JVMs started so far: one {@code <pid>} directory each. */
    public Map<Long, AgentDir> agents() {
        try (Stream<Path> dirs = Files.list(control.path())) {
            dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).forEach(d -> {
                try {
                    jvms.computeIfAbsent(Long.parseLong(d.getFileName().toString()), pid -> new AgentDir(d));
                } catch (NumberFormatException notOurs) {
                    // only <pid> directories are agents'
                }
            });
        } catch (IOException e) {
            // the directory is ours; if it vanished there is nothing more to read
        }
        return jvms;
    }

    /** Asks every agent to stop and waits (bounded) until each has written its final snapshot. */
    public void finish() {
        control.requestStop();
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MS;
        agents();
        while (System.currentTimeMillis() < deadline && !allDone()) {
            AgentSession.sleep(20);
            agents();
        }
    }

    private boolean allDone() {
        for (Map.Entry<Long, AgentDir> e : jvms.entrySet()) {
            boolean alive = ProcessHandle.of(e.getKey()).map(ProcessHandle::isAlive).orElse(false);
            if (alive && !e.getValue().done()) {
                return false;
            }
        }
        return true;
    }

    /** Who JVM pid is, once its agent has started; null before. */
    public TargetInfo info(long pid) {
        AgentDir dir = jvms.get(pid);
        Properties p = dir == null ? null : dir.info();
        return p == null ? null : AgentDir.targetInfo(pid, p);
    }

    @Override
    public void close() {
        control.delete();
    }
}
