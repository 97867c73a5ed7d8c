package jspy.cli.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.StopSignal;
import jspy.cli.sample.StopReason;

/** serve's main loop: attach, rescan with --all every few seconds, serve HTTP, stop every target on a signal. */
public final class Server implements AutoCloseable {
    /** How often --all looks for new JVMs: "picked up within a few seconds". */
    static final long SCAN_MILLIS = 3000;
    private static final long STOP_WAIT_MILLIS = 15_000;

    private final Targets targets;
    private final Endpoints endpoints;

    public Server(InetSocketAddress listen, String token, String app, Map<String, String> labels, double rateHz,
                  Pattern include) throws IOException {
        targets = new Targets(app, rateHz, include);
        try {
            endpoints = new Endpoints(listen, token, targets, labels);
        } catch (BindException e) {
            throw new JspyException(ExitCode.USAGE, "cannot listen on " + listen + ": " + e.getMessage(),
                    "pick a free port with --listen HOST:PORT");
        }
    }

    /** Runs until SIGTERM or Ctrl-C, then stops sampling in every target and waits for them to detach. */
    public void run(List<Long> pids, boolean all, AtomicInteger hups) {
        endpoints.start();
        InetSocketAddress at = endpoints.address();
        ServeLog.info("listening on http://" + at.getHostString() + ":" + at.getPort() + "/ (metrics at /metrics)");
        pids.forEach(pid -> targets.add(pid, true));
        int hupsSeen = 0;
        while (StopSignal.received() == null) {
            targets.scan(all);
            for (long slept = 0; slept < SCAN_MILLIS && StopSignal.received() == null; slept += 100) {
                sleep(100);
            }
            if (hups.get() != hupsSeen) {
                hupsSeen = hups.get();
                ServeLog.info("SIGHUP ignored: serve has no configuration to reload (restart it to change options)");
            }
        }
        ServeLog.info(StopSignal.received() + ": stopping sampling in " + targets.all().size() + " JVM(s)");
        targets.stopAll(StopReason.ofSignal(StopSignal.received()));
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (targets.all().stream().anyMatch(Profiled::up) && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
