package jspy.cli.serve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import jspy.cli.base.JspyException;
import jspy.cli.base.Log;
import jspy.cli.sample.StopReason;

/**
 * The JVMs serve samples: those named with -p, and with --all every HotSpot JVM found in /proc
 * (libjvm.so mapped) that we may attach to. A JVM that refuses is logged once and counted, never
 * fatal, and not tried again while it runs; exited ones are dropped at the next scan.
 */
final class Targets {
    private final Map<Long, Profiled> live = new ConcurrentSkipListMap<>();
    private final Set<Long> refused = new HashSet<>();
    private final AtomicLong attachErrors = new AtomicLong();
    private final JspyJvms jspyJvms = new JspyJvms();
    private final String app;
    private final double rateHz;
    private final Pattern include;
    private volatile boolean push;

    /** @param include with --all, only JVMs whose command line matches (null: all) */
    Targets(String app, double rateHz, Pattern include) {
        this.app = app;
        this.rateHz = rateHz;
        this.include = include;
    }

    /** With --push: every target keeps its windows until the next push. */
    void keepForPush() {
        push = true;
    }

    List<Profiled> all() {
        return new ArrayList<>(live.values());
    }

    Profiled get(long pid) {
        return live.get(pid);
    }

    long attachErrors() {
        return attachErrors.get();
    }

    /** Attaches to one JVM, unless already sampled or refused before; false when it refused. */
    boolean add(long pid, boolean explicit) {
        if (live.containsKey(pid) || refused.contains(pid)) {
            return live.containsKey(pid);
        }
        try {
            Profiled p = Profiled.attach(pid, app, explicit, rateHz);
            if (push) {
                p.keepForPush();
            }
            live.put(pid, p);
            ServeLog.info("sampling JVM " + pid + " (" + p.info().describe() + ") as app=" + p.app + " at "
                    + rateHz + " Hz");
            return true;
        } catch (JspyException e) {
            refused.add(pid);
            attachErrors.incrementAndGet();
            ServeLog.info("cannot sample JVM " + pid + ": " + e.oneLine().replace('\n', ' '));
            return false;
        }
    }

    /** One --all pass: attach to new JVMs but jspy's own, forget exited ones (explicit -p ones stay, with up 0). */
    void scan(boolean all) {
        Set<Long> running = all ? jvms() : Set.of();
        if (all) {
            jspyJvms.forgetAllBut(running);
            running.stream().filter(pid -> !jspyJvms.isJspy(pid)).forEach(pid -> add(pid, false));
            refused.retainAll(running);
        }
        live.values().removeIf(p -> !p.up() && !p.explicit);
    }

    /** Stops every target's sampling; each loop drains its last window and detaches. */
    void stopAll(StopReason why) {
        live.values().forEach(p -> p.stop(why));
    }

    /** HotSpot JVMs in /proc we may attach to: ours, or anyone's when root. Not this one; other jspys are filtered later. */
    private Set<Long> jvms() {
        Set<Long> out = new HashSet<>();
        long self = ProcessHandle.current().pid();
        boolean root = "root".equals(System.getProperty("user.name"));
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && isCandidate(proc, root)) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            Log.debug("cannot list /proc: " + e.getMessage());
        }
        return out;
    }

    private boolean isCandidate(Path proc, boolean root) {
        try {
            if (!root && !Files.getOwner(proc).getName().equals(System.getProperty("user.name"))) {
                return false;
            }
            if (include != null) {
                String cmd = String.join(" ", JspyJvms.commandLine(proc));
                if (!include.matcher(cmd).find()) {
                    return false;
                }
            }
            return Files.readString(proc.resolve("maps")).contains("/libjvm.so");
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to read
        }
    }
}
