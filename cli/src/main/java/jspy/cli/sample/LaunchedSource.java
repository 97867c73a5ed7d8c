package jspy.cli.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.attach.AgentDir;
import jspy.cli.attach.LaunchSession;

/** The JVMs of a launched command: each loads the agent at start-up and gets its own directory. */
final class LaunchedSource implements Source {
    private final LaunchSession session;
    private final Process process;
    private final Map<Long, Recordings> agents = new HashMap<>();
    private final Map<String, String> interned = new HashMap<>();
    private final boolean lines;

    LaunchedSource(LaunchSession session, Process process, boolean lines) {
        this.session = session;
        this.process = process;
        this.lines = lines;
    }

    @Override
    public void heartbeat() {
        session.heartbeat();
    }

    @Override
    public List<Recordings> agents() {
        for (Map.Entry<Long, AgentDir> e : session.agents().entrySet()) {
            agents.computeIfAbsent(e.getKey(), pid -> new Recordings(pid, e.getValue(), interned, session.intervalNanos(), lines));
        }
        return new ArrayList<>(agents.values());
    }

    @Override
    public StopReason ended() {
        return process.isAlive() ? null : StopReason.COMMAND_EXITED;
    }

    @Override
    public void finish(StopReason reason) {
        session.finish();
    }
}
