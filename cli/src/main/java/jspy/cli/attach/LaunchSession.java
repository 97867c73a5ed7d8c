package jspy.cli.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import jspy.cli.base.Log;
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

    private LaunchSession(AgentDir control, String toolOptions) {
        this.control = control;
        this.toolOptions = toolOptions;
    }

    public static LaunchSession prepare(long intervalNanos, long periodMillis) {
        Embedded.Installed installed = Embedded.installLocal();
        Path dir = PrivateDir.ensure(installed.hostDir().getParent().resolve(AgentSession.newSessionName()),
                PrivateDir.currentUid(), PrivateDir.currentGid());
        LaunchSession session = new LaunchSession(new AgentDir(dir), "-agentpath:"
                + installed.host("libasyncProfiler.so") + " -javaagent:" + installed.host("jspy-agent.jar") + "=dir="
                + dir + ",interval=" + intervalNanos + ",period=" + periodMillis + ",launch=1");
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

    /** Picks up JVMs that started since the last call and reads their newest snapshots. */
    public void poll() {
        try (Stream<Path> dirs = Files.list(control.path())) {
            dirs.filter(Files::isDirectory).forEach(d -> {
                try {
                    jvms.computeIfAbsent(Long.parseLong(d.getFileName().toString()), pid -> new AgentDir(d));
                } catch (NumberFormatException notOurs) {
                    // only <pid> directories are agents'
                }
            });
        } catch (IOException e) {
            // the directory is ours; if it vanished there is nothing more to read
        }
        jvms.values().forEach(AgentDir::poll);
    }

    /** Asks every agent to stop and waits (bounded) until each has written its final snapshot. */
    public void finish() {
        control.requestStop();
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MS;
        poll();
        while (System.currentTimeMillis() < deadline && !allDone()) {
            AgentSession.sleep(20);
            poll();
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

    /** One profiled JVM of the command: who it is and its newest snapshot. */
    public record Jvm(TargetInfo info, String snapshot, java.util.Set<String> jdbcClasses) {
    }

    public List<Jvm> jvms() {
        List<Jvm> out = new ArrayList<>();
        jvms.forEach((pid, dir) -> {
            Properties p = dir.info();
            if (p != null) {
                out.add(new Jvm(AgentDir.targetInfo(pid, p), dir.latest(), dir.jdbcClasses()));
            }
        });
        return out;
    }

    @Override
    public void close() {
        control.delete();
    }
}
