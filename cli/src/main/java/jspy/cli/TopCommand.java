package jspy.cli;

import jspy.cli.base.StopSignal;
import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import jspy.cli.attach.AgentSession;
import jspy.cli.attach.TargetJvm;
import jspy.cli.profile.Collapsed;
import jspy.cli.top.TopKeys;
import jspy.cli.top.TopRenderer;
import jspy.cli.top.TopScreen;
import jspy.cli.top.TopStats;
import org.jline.terminal.Size;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jspy top}: a live view of which functions and threads a JVM spends its samples in. One
 * attach; the agent publishes a cumulative snapshot every --delay and each refresh shows the
 * difference from the previous one. Without a terminal on stdout it prints plain snapshots instead.
 */
@Command(name = "top", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Live view of a running JVM's functions and threads, like top: %%Own and %%Total "
                + "of the last refresh, OwnTime and TotalTime since the start, and each one's bucket "
                + "(cpu, socket, poll, jdbc, lock, io, jvm, idle). Keys: 1-4 sort, b bucket filter, "
                + "i idle, t threads, r reset, ? help, q quit. Without a terminal, prints a plain "
                + "snapshot every --delay seconds.")
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE, ExitCode.NO_SUCH_PROCESS, ExitCode.NOT_A_JVM,
    ExitCode.PERMISSION, ExitCode.ATTACH_REFUSED, ExitCode.ATTACH_FAILED}, requiredOptions = "--pid")
public final class TopCommand implements Callable<Integer> {
    private static final String TARGET_EXITED = "target exited";
    private static final int PLAIN_WIDTH = 160;
    private static final int PLAIN_HEIGHT = 27;

    @Spec
    CommandSpec spec;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between refreshes (default: ${DEFAULT-VALUE}, at least 0.2).")
    double delay;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        long pid = sampling.requirePid();
        sampling.intervalNanos(); // checks --rate before anything is attached
        if (!(delay >= 0.2 && delay <= 3600)) {
            throw new JspyException(ExitCode.USAGE, "delay " + delay + " s is out of range",
                    "use --delay between 0.2 and 3600 seconds");
        }
        StopSignal.install();
        TargetJvm target = TargetJvm.inspect(pid);
        PrintWriter out = spec.commandLine().getOut();
        double rate = sampling.rateForJvm(pid).hz(); // the header shows it
        try (AgentSession session = AgentSession.start(target, SamplingOptions.intervalNanos(rate), Math.round(delay * 1000))) {
            long started = System.nanoTime(); // the first window runs from here, not from the screen setup
            TopStats stats = new TopStats(rate, sampling.idle);
            String reason = null;
            TopScreen screen = null;
            Thread heartbeat = heartbeat(session);
            try {
                screen = TopScreen.open();
                TopRenderer renderer = new TopRenderer(session.info(), delay, screen != null);
                reason = screen == null ? plain(session, stats, renderer, out, started)
                        : live(session, stats, renderer, screen, started);
            } finally {
                try {
                    if (screen != null) {
                        screen.close();
                    }
                } finally {
                    if (!TARGET_EXITED.equals(reason)) {
                        session.finish(); // also on failure: the agent stops now, not when our heartbeat goes stale
                    }
                    heartbeat.interrupt();
                    join(heartbeat); // before close() deletes the session directory it touches
                }
            }
            if (TARGET_EXITED.equals(reason)) {
                out.println("JVM " + pid + " exited");
            }
            out.flush();
        }
        return ExitCode.OK.code();
    }

    private String live(AgentSession session, TopStats stats, TopRenderer renderer, TopScreen screen, long last)
            throws IOException {
        boolean help = false;
        boolean dirty = true;
        boolean input = true;
        BlockingQueue<TopKeys.Action> keys = TopKeys.start(screen.keys());
        while (true) {
            String stop = stopReason(session);
            if (stop != null) {
                return stop;
            }
            long now = refresh(session, stats, last);
            if (now != last) {
                last = now;
                dirty = true;
            }
            if (dirty) {
                Size size = screen.size();
                screen.draw(renderer.lines(stats, size.getColumns(), size.getRows(), help));
                dirty = false;
            }
            TopKeys.Action key = input ? TopKeys.next(keys, 50) : TopKeys.Action.NONE;
            switch (key) {
                case NONE -> {
                    if (!input) {
                        sleep();
                    }
                }
                case QUIT -> {
                    return "quit";
                }
                case END_OF_INPUT -> input = false;
                default -> {
                    if (help) {
                        help = false; // any key closes the help
                    } else if (key == TopKeys.Action.HELP) {
                        help = true;
                    } else {
                        TopKeys.apply(key, stats);
                    }
                    dirty = true;
                }
            }
        }
    }

    /** Feeds a new agent snapshot, if any, to the stats; returns when it came, or {@code last}. */
    private static long refresh(AgentSession session, TopStats stats, long last) {
        String snapshot = session.poll();
        if (snapshot == null) {
            return last;
        }
        long now = System.nanoTime();
        stats.update(Collapsed.parse(snapshot, session.jdbcClasses()), (now - last) / 1e9);
        return now;
    }

    private String plain(AgentSession session, TopStats stats, TopRenderer renderer, PrintWriter out, long last) {
        while (true) {
            String stop = stopReason(session);
            if (stop != null) {
                return stop;
            }
            long now = refresh(session, stats, last);
            if (now != last) {
                last = now;
                List<AttributedString> lines = renderer.lines(stats, PLAIN_WIDTH, PLAIN_HEIGHT, false);
                for (AttributedString line : lines) {
                    out.println(line.toString().stripTrailing());
                }
                out.println();
                out.flush();
            }
            sleep();
        }
    }

    private static String stopReason(AgentSession session) {
        if (StopSignal.received() != null) {
            return StopSignal.received();
        }
        return session.target().alive() ? null : TARGET_EXITED;
    }

    /**
     * Keeps the agent's heartbeat fresh from its own thread: terminal calls on the main thread
     * (JLine's exec provider runs stty for the size and modes) took seconds on a loaded machine,
     * long enough for the agent to think jspy died (stale after 3 s) and stop sampling.
     */
    private static Thread heartbeat(AgentSession session) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                session.heartbeat();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jspy-top-heartbeat");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
