package jspy.cli.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
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
    /**
     * The last push at SIGTERM: a Pyroscope ingest answers in well under a second, and shutdown
     * must not hang on a server that is gone (Kubernetes kills after 30 s by default, and serve
     * may already have waited for its targets).
     */
    static final long LAST_PUSH_MILLIS = 3000;

    private final Targets targets;
    private final Endpoints endpoints;
    private final Pusher pusher;
    private final long pushMillis;
    private final InetSocketAddress listen;
    private final boolean tokenRequired;

    /** What serve does besides sampling: where it listens, and where it pushes to (null: nowhere). */
    public record Options(InetSocketAddress listen, String token, String app, Map<String, String> labels,
                          double rateHz, Pattern include, URI push, double pushSeconds) {
    }

    public Server(Options o) throws IOException {
        targets = new Targets(o.app(), o.rateHz(), o.include());
        pusher = o.push() == null ? null : new Pusher(o.push(), o.labels());
        pushMillis = Math.round(o.pushSeconds() * 1000);
        if (pusher != null) {
            targets.keepForPush();
        }
        listen = o.listen();
        tokenRequired = o.token() != null;
        try {
            endpoints = new Endpoints(listen, o.token(), targets, pusher, o.labels());
        } catch (BindException e) {
            throw new JspyException(ExitCode.USAGE, "cannot listen on " + listen + ": " + e.getMessage(),
                    "pick a free port with --listen HOST:PORT");
        }
    }

    /** Runs until SIGTERM or Ctrl-C, then stops sampling in every target and waits for them to detach. */
    public void run(List<Long> pids, boolean all, AtomicInteger hups) {
        endpoints.start();
        // The address asked for: bound to 0.0.0.0, the JDK reports [::] (a dual-stack socket).
        String where = hostPort(listen.getAddress().getHostAddress(), endpoints.address().getPort());
        ServeLog.info("listening on http://" + where + "/ (metrics at /metrics)");
        if (!listen.getAddress().isLoopbackAddress() && !tokenRequired) {
            ServeLog.info("warning: --no-token: anyone who can reach " + where + " reads the code structure (class and "
                    + "method names) of every JVM sampled here and can take profiles; pass --token TOKEN to require "
                    + "a bearer token");
        }
        pids.forEach(pid -> targets.add(pid, true));
        int hupsSeen = 0;
        long nextPush = System.currentTimeMillis() + pushMillis;
        while (StopSignal.received() == null) {
            targets.scan(all);
            if (pusher != null && System.currentTimeMillis() >= nextPush) {
                nextPush += pushMillis;
                push();
            }
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
        if (pusher != null) {
            push(); // every target's last windows, the partial one included
            pusher.flush(LAST_PUSH_MILLIS);
        }
    }

    /** Queues each JVM's windows since the last push; the sender posts them on its own thread. */
    private void push() {
        for (Profiled p : targets.all()) {
            Profiled.Slice slice = p.takePushed();
            if (slice != null) {
                try {
                    pusher.offer(p, slice.profile(), slice.from(), slice.until());
                } catch (IOException e) {
                    ServeLog.info("push: cannot encode the profile of JVM " + p.pid + ": " + e.getMessage());
                }
            }
        }
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
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
        if (pusher != null) {
            pusher.close();
        }
    }
}
