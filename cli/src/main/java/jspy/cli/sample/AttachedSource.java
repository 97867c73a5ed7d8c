package jspy.cli.sample;

import java.util.HashMap;
import java.util.List;
import jspy.cli.attach.AgentSession;

/** One JVM that jspy attached to. */
final class AttachedSource implements Source {
    private final AgentSession session;
    private final List<Recordings> agents;

    AttachedSource(AgentSession session, boolean lines) {
        this.session = session;
        this.agents = List.of(new Recordings(session.target().pid(), session.dir(), new HashMap<>(),
                session.intervalNanos(), lines));
    }

    @Override
    public void heartbeat() {
        session.heartbeat();
    }

    @Override
    public List<Recordings> agents() {
        return agents;
    }

    @Override
    public StopReason ended() {
        if (!session.target().alive()) {
            return StopReason.TARGET_EXITED;
        }
        return session.stoppedByItself() ? StopReason.AGENT_STOPPED : null;
    }

    @Override
    public void finish(StopReason reason) {
        // A JVM that exited ran the agent's exit hook, which closed the last window already.
        if (reason != StopReason.TARGET_EXITED && reason != StopReason.AGENT_STOPPED) {
            session.finish();
        }
    }
}
