package jspy.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.StopSignal;
import jspy.cli.serve.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code jspy serve}: sample JVMs all the time, for Prometheus (/metrics) and go tool pprof (/profile). */
@Command(name = "serve", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = "Sample JVMs continuously at a low rate and serve the results over HTTP: /metrics "
                + "(OpenMetrics: thread-seconds per bucket), /profile?seconds=N (pprof, or &format=svg, ...), "
                + "/ (an index). Runs until SIGTERM or Ctrl-C; SIGHUP is ignored.")
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE})
public final class ServeCommand implements Callable<Integer> {
    /**
     * 7 Hz: always-on sampling must cost the target next to nothing, and what it costs grows with
     * the rate. bench/serve-overhead, JDK 17, 2 cores busy + 100 parked threads, 30 s warm-up, ops
     * per CPU-second of the target against no profiler, interleaved rounds on a shared machine
     * (load 6-15): 19 Hz 0.947, 0.956, 0.982; 9 Hz 0.980, 0.970, 1.003; 5 Hz 0.974, 0.980, 1.019;
     * serve sampling another JVM (the noise floor) 1.001, 0.998, 1.019, 1.004, 0.983. The agent's
     * and async-profiler's threads used 2-4 ms/s; the rest is charged to the sampled threads.
     * A prime, so the timer does not beat with periodic work (as py-spy and async-profiler pick
     * 99/97 Hz); each thread still gets 420 samples a minute, enough for a share in Prometheus.
     */
    static final double DEFAULT_RATE = 7;
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "A JVM to sample; repeat for several.")
    List<Long> pids = List.of();

    @Option(names = "--all", description = "Also every HotSpot JVM jspy may attach to, found every few seconds.")
    boolean all;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "With --all, only JVMs whose command line (its arguments joined by single spaces) "
                    + "matches, e.g. 'com\\.acme\\.' or 'Main$'.")
    Pattern include;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9464",
            description = "Where to serve HTTP (default: ${DEFAULT-VALUE}, this host only). Any address other "
                    + "hosts can reach (0.0.0.0, [::], :PORT, a host name, an interface's address) needs --token "
                    + "or --no-token: profiles show your code's structure to whoever connects.")
    String listen;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Require 'Authorization: Bearer TOKEN'.")
    String token;

    @Option(names = "--no-token", description = "Serve an address other hosts can reach without a token "
            + "(a trusted network only; serve warns at start).")
    boolean noToken;

    @Option(names = "--app", paramLabel = "NAME", description = "The app label (default: the main class).")
    String app;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label on every series; repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--push", paramLabel = "URL", description = "Also push a pprof per JVM to a Pyroscope-compatible "
            + "server's /ingest, e.g. http://127.0.0.1:4040.")
    java.net.URI push;

    @Option(names = "--push-every", paramLabel = "SECONDS", defaultValue = "15",
            description = "How often to push (default: ${DEFAULT-VALUE} s).")
    double pushEvery;

    @Option(names = {"-r", "--rate"}, paramLabel = "HZ", defaultValue = "7",
            description = "Samples per second per thread (default: ${DEFAULT-VALUE}, low enough for always-on).")
    double rate;

    @Mixin
    NativeTrimOption nativeTrim;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        check();
        InetSocketAddress address = address(); // a usage error before anything starts
        nativeTrim.apply();
        StopSignal.install();
        // SIGHUP is ignored, not a reload: serve has no configuration file, only its command line.
        AtomicInteger hups = new AtomicInteger();
        Signal.handle(new Signal("HUP"), s -> hups.incrementAndGet());
        try (Server server = new Server(new Server.Options(address, token, app, labels, rate, include, push, pushEvery))) {
            server.run(pids, all, hups);
        }
        return ExitCode.OK.code();
    }

    private void check() {
        if (pids.isEmpty() && !all) {
            throw new JspyException(ExitCode.USAGE, "no JVM to sample", "pass -p PID (repeatable) or --all");
        }
        if (push != null && (!"http".equals(push.getScheme()) && !"https".equals(push.getScheme()) || pushEvery < 1)) {
            throw new JspyException(ExitCode.USAGE, "bad --push '" + push + "' or --push-every " + pushEvery,
                    "push to an http(s) URL, e.g. --push http://127.0.0.1:4040, at most once a second");
        }
        if (!(rate > 0 && rate <= 1000)) {
            throw new JspyException(ExitCode.USAGE, "rate " + rate + " Hz is out of range", "use 1 to 1000, e.g. -r 7");
        }
        for (String key : labels.keySet()) {
            if (!LABEL.matcher(key).matches() || key.startsWith("__") || List.of("app", "pid", "bucket").contains(key)) {
                throw new JspyException(ExitCode.USAGE, "bad label name '" + key + "'",
                        "Prometheus label names match [a-zA-Z_][a-zA-Z0-9_]*; app, pid and bucket are jspy's");
            }
        }
    }

    /**
     * The address to bind, refused when other hosts can reach it and no --token (or --no-token)
     * says who may read it. An empty host (:9464) is every interface, as in Go's net/http and
     * Prometheus' exporters; a host name is the address it resolves to, which is what is bound.
     */
    private InetSocketAddress address() {
        if (token != null && noToken) {
            throw new JspyException(ExitCode.USAGE, "--token and --no-token contradict each other", "pass one of them");
        }
        InetSocketAddress address = parse(listen);
        if (address.isUnresolved()) {
            throw new JspyException(ExitCode.USAGE, "cannot resolve the host in --listen '" + listen + "'",
                    "use an address, e.g. 127.0.0.1:9464, or a host name this machine resolves");
        }
        if (!address.getAddress().isLoopbackAddress() && token == null && !noToken) {
            throw new JspyException(ExitCode.USAGE, "--listen " + listen + " can be reached from other hosts, and "
                    + "without a token anyone there reads every sampled JVM's code structure and takes profiles",
                    "pass --token TOKEN, or --no-token on a trusted network; --listen 127.0.0.1:"
                    + address.getPort() + " serves this host only");
        }
        return address;
    }

    static InetSocketAddress parse(String listen) {
        int colon = listen.lastIndexOf(':');
        try {
            if (colon < 0) {
                throw new IllegalArgumentException("no port");
            }
            String host = listen.substring(0, colon).replaceAll("^\\[|\\]$", "");
            return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(listen.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new JspyException(ExitCode.USAGE, "bad --listen '" + listen + "'", "use HOST:PORT, e.g. 127.0.0.1:9464");
        }
    }
}
