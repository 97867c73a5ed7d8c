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
import jspy.cli.sample.Accumulator;
import jspy.cli.sample.Refreshes;
import jspy.cli.sample.SampleStream;
import jspy.cli.sample.StopReason;
import jspy.cli.sample.Window;
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
 * attach; the agent closes one exact time window of samples every --delay and each refresh shows it
 * (unmounted virtual threads from the newest thread dump ride along). Without a terminal on stdout it prints plain snapshots.
 */
@Command(name = "top", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = "Live view of a running JVM's functions and threads, like top: %%Own and %%Total "
                + "of the last refresh, OwnTime and TotalTime since the start, and each one's bucket "
                + "(cpu, socket, poll, jdbc, pool, lock, io, await, jvm, idle). Keys: arrows/PgUp/PgDn/Home/End move, Enter "
                + "callers, Esc back, 1-4 sort, b bucket filter, i idle, t threads, r reset, ? help, q quit. Without a terminal, prints a plain "
                + "snapshot every --delay seconds.")
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE, ExitCode.NO_SUCH_PROCESS, ExitCode.NOT_A_JVM,
    ExitCode.PERMISSION, ExitCode.ATTACH_REFUSED, ExitCode.ATTACH_FAILED}, requiredOptions = "--pid")
public final class TopCommand implements Callable<Integer> {
    private static final int PLAIN_WIDTH = 160;
    private static final int PLAIN_HEIGHT = 27;
    /**
     * How long to wait for a key before looking for a window: a key is handled the moment it comes,
     * and a window at most this late. Every 50 ms, looking for windows was a third of record's
     * steady CPU with 1,000 threads (JDK 17, 2026-12-01), and top looked as often.
     */
    private static final long POLL_MS = 100;

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
        sampling.nativeTrim.apply();
        sampling.intervalNanos(); // checks --rate before anything is attached
        if (!(delay >= 0.2 && delay <= 3600)) {
            throw new JspyException(ExitCode.USAGE, "delay " + delay + " s is out of range",
                    "use --delay between 0.2 and 3600 seconds");
        }
        StopSignal.install();
        TargetJvm target = TargetJvm.inspect(pid);
        PrintWriter out = spec.commandLine().getOut();
        double rate = sampling.rateForJvm(pid).hz(); // the header shows it
        try (AgentSession session = AgentSession.start(target, SamplingOptions.intervalNanos(rate), Math.round(delay * 1000));
             SampleStream stream = SampleStream.attached(session, null, sampling.lines())) {
            TopStats stats = new TopStats(rate, sampling.idle);
            TopScreen screen = null;
            try {
                screen = TopScreen.open();
                TopRenderer renderer = new TopRenderer(session.info(), delay, screen != null);
                if (screen == null) {
                    plain(stream, session, stats, renderer, out);
                } else {
                    live(stream, session, stats, renderer, screen);
                }
            } finally {
                try {
                    if (screen != null) {
                        screen.close();
                    }
                } finally {
                    // also on failure: the agent stops now, not when our heartbeat goes stale
                    stream.stop(StopReason.QUIT);
                    while (stream.poll(0) != null) {
                        // drain: the stream asks the agent to stop and waits for its last window
                    }
                }
            }
            if (stream.stopReason() == StopReason.TARGET_EXITED) {
                out.println("JVM " + pid + " exited");
            }
            out.flush();
        }
        return ExitCode.OK.code();
    }

    private void live(SampleStream stream, AgentSession session, TopStats stats, TopRenderer renderer, TopScreen screen)
            throws IOException {
        boolean help = false;
        boolean dirty = true;
        boolean input = true;
        BlockingQueue<TopKeys.Action> keys = TopKeys.start(screen.keys());
        Refreshes refreshes = new Refreshes(stream);
        while (true) {
            if (stream.stopReason() != null) {
                return;
            }
            if (refresh(refreshes, session, stats)) {
                dirty = true;
            }
            if (dirty) {
                Size size = screen.size();
                screen.draw(renderer.lines(stats, size.getColumns(), size.getRows(), help));
                dirty = false;
            }
            TopKeys.Action key = input ? TopKeys.next(keys, POLL_MS) : TopKeys.Action.NONE;
            switch (key) {
                case NONE -> {
                    if (!input) {
                        sleep();
                    }
                }
                case QUIT -> {
                    stream.stop(StopReason.QUIT);
                    return;
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

    /** Feeds the next refresh, if one is ready, to the stats; true when one came. */
    private static boolean refresh(Refreshes refreshes, AgentSession session, TopStats stats) {
        List<Window> windows = refreshes.poll();
        if (windows == null) {
            return false;
        }
        Accumulator window = new Accumulator(null, false);
        window.jdbcClasses(session.jdbcClasses());
        windows.forEach(window::add);
        double seconds = windows.get(0).seconds();
        stats.update(window.profile(session.info(), seconds, 0, true, true).samples(), seconds,
                windows.stream().mapToDouble(Window::threadSeconds).sum());
        return true;
    }

    private void plain(SampleStream stream, AgentSession session, TopStats stats, TopRenderer renderer,
                       PrintWriter out) {
        Refreshes refreshes = new Refreshes(stream);
        while (stream.stopReason() == null) {
            if (refresh(refreshes, session, stats)) {
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

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
