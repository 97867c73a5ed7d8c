package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import jspy.cli.ExitCode;
import jspy.cli.JspyException;
import jspy.cli.Log;
import jspy.cli.profile.TargetInfo;

/**
 * One attached agent and the private channel to it: a session directory inside the target's
 * filesystem that only its user can read. We touch a heartbeat file; the agent stops sampling by
 * itself when the heartbeat goes stale (jspy was killed), when we ask, or when the JVM exits.
 */
public final class AgentSession implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final TargetJvm target;
    private final Path dir;
    private TargetInfo info;
    private long startMillis;
    private long lastHeartbeat;
    private FileTime lastSnapshot;
    private String latest = "";
    private Set<String> jdbcClasses = Set.of();
    private FileTime lastJdbc;

    private AgentSession(TargetJvm target, Path dir) {
        this.target = target;
        this.dir = dir;
    }

    /** Attaches: loads the library, then the agent, and waits until the agent samples. */
    public static AgentSession start(TargetJvm target, long intervalNanos, long periodMillis) {
        Log.debug("installing jattach, async-profiler and the agent");
        Path jattach = Embedded.jattach();
        Embedded.Installed installed = Embedded.install(target);
        Log.debug("installed in " + installed.hostDir());
        String name = "s-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        Path dir = PrivateDir.ensure(installed.hostDir().getParent().resolve(name), target.uid(), target.gid());
        String targetDir = installed.targetDir().substring(0, installed.targetDir().lastIndexOf('/')) + "/" + name;
        AgentSession session = new AgentSession(target, dir);
        try {
            session.heartbeat();
            // Library first: the agent then finds async-profiler's natives bound and never calls
            // System.load, which on JDK 25 would print JEP 472 warnings into the target.
            if (target.loadedProfilerLibrary() == null) {
                Log.debug("loading libasyncProfiler.so into " + target.pid());
                Jattach.run(jattach, target.pid(), "load", installed.target("libasyncProfiler.so"), "true",
                        "status,log=" + targetDir + "/load.log");
            }
            Log.debug("loading the agent");
            Jattach.run(jattach, target.pid(), "load", "instrument", "false", installed.target("jspy-agent.jar")
                    + "=dir=" + targetDir + ",interval=" + intervalNanos + ",period=" + periodMillis);
            session.awaitStart();
            Log.debug("agent sampling");
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void awaitStart() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            String error = readQuietly("error");
            if (error != null) {
                throw new JspyException(ExitCode.ATTACH_FAILED, "the agent could not start in JVM " + target.pid() + ": "
                        + error.trim(), error.contains("already") ? "stop the other profiler session first"
                        : "run with --verbose and check " + dir.resolve("profiler.log"));
            }
            String infoText = readQuietly("info");
            if (infoText != null) {
                info = parseInfo(infoText);
                return;
            }
            heartbeat();
            sleep(20);
        }
        throw new JspyException(ExitCode.ATTACH_FAILED, "the agent did not start in JVM " + target.pid() + " within "
                + START_TIMEOUT_MS / 1000 + " s", "is the JVM older than Java 8, or not HotSpot/OpenJDK?");
    }

    private TargetInfo parseInfo(String text) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        startMillis = Long.parseLong(p.getProperty("start", "0"));
        String command = p.getProperty("command", "");
        int space = command.indexOf(' ');
        return new TargetInfo(target.pid(), space < 0 ? command : command.substring(0, space),
                p.getProperty("java.version", ""));
    }

    public TargetInfo info() {
        return info;
    }

    /** When the agent started sampling, in epoch milliseconds (the target's clock). */
    public long startMillis() {
        return startMillis;
    }

    public TargetJvm target() {
        return target;
    }

    /** Tells the agent we are alive; cheap enough to call on every loop turn. */
    public void heartbeat() {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat < 500) {
            return;
        }
        lastHeartbeat = now;
        Path file = dir.resolve("heartbeat");
        try {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(now));
        } catch (IOException e) {
            // the target exited and its filesystem went away; the caller notices through alive()
        }
    }

    /** The newest cumulative snapshot (collapsed stacks) if it changed since the last call, else null. */
    public String poll() {
        Path file = dir.resolve("snapshot");
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(lastSnapshot)) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            lastSnapshot = modified;
            latest = text;
            return text;
        } catch (IOException e) {
            return null;
        }
    }

    /** Classes the agent saw implementing java.sql interfaces. */
    public Set<String> jdbcClasses() {
        Path file = dir.resolve("jdbc-classes");
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(lastJdbc)) {
                jdbcClasses = new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8));
                lastJdbc = modified;
            }
        } catch (IOException e) {
            // none yet
        }
        return jdbcClasses;
    }

    /** The newest snapshot read so far ("" before the first). */
    public String latest() {
        return latest;
    }

    /**
     * Asks the agent to stop and returns its final snapshot, or the newest one read before if no
     * final one came (the JVM died without running its exit hooks, or its filesystem is gone).
     */
    public String finish() {
        try {
            Files.createFile(dir.resolve("stop"));
        } catch (IOException e) {
            // already there, or the directory is gone with the target
        }
        Log.debug("asked the agent to stop");
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MS;
        while (!Files.exists(dir.resolve("done")) && target.alive() && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        Log.debug("agent stopped");
        poll();
        return latest;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (NoSuchFileException gone) {
            // nothing to clean
        } catch (IOException e) {
            // best effort: a leftover directory holds nothing secret and is reused by nobody
        }
    }

    private String readQuietly(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
