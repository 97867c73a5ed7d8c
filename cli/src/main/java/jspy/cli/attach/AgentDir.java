package jspy.cli.attach;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.agent.Protocol;
import jspy.cli.profile.TargetInfo;

/**
 * The CLI's side of one agent's directory: what the agent published (info, snapshots, JDBC
 * classes, errors) and the control files we write (heartbeat, stop, window edges).
 */
public final class AgentDir {
    private final Path dir;
    private long lastHeartbeat;
    private Set<String> jdbcClasses = Set.of();
    private FileTime lastJdbc;
    private FileTime lastWaits;

    public AgentDir(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /**
     * Touches the heartbeat at most twice a second; the agent gives up after
     * Protocol.HEARTBEAT_TIMEOUT_MS (2.5 s) of silence.
     */
    void heartbeat() {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat < 500) {
            return;
        }
        lastHeartbeat = now;
        try {
            // a fresh file renamed over the old one: root never opens a file the target's user may
            // have swapped for a link (it advanced a root-owned file's mtime through one)
            SafeFiles.touch(dir, Protocol.HEARTBEAT);
        } catch (IOException | RuntimeException e) {
            // the target exited and its filesystem went away; callers notice that themselves
        }
    }

    void requestStop() {
        try {
            SafeFiles.createEmpty(dir, Protocol.STOP);
        } catch (IOException e) {
            // already asked, or the directory is gone with the target
        }
    }

    /**
     * Asks the agent to close its window now (serve's /profile edges). A request still pending
     * (the agent has not taken it) covers this one too.
     */
    public void requestWindowEdge() {
        try {
            SafeFiles.createEmpty(dir, Protocol.CLOSE_WINDOW);
        } catch (IOException e) {
            // the directory is gone with the target: the capture ends with it
        }
    }

    public boolean done() {
        return Files.exists(dir.resolve(Protocol.DONE), LinkOption.NOFOLLOW_LINKS);
    }

    /** Why the agent stopped: "stop", "exit" (the JVM is shutting down), "abandoned"; or null. */
    public String doneReason() {
        String done = read(Protocol.DONE);
        return done == null ? null : done.trim();
    }

    /** The agent's JFR recording number n (host path). */
    public Path recording(int n) {
        return dir.resolve(Protocol.RECORDING_PREFIX + n + Protocol.RECORDING_SUFFIX);
    }

    /**
     * Tells the agent that recording n has been read, so it may delete it. An empty file created
     * with O_EXCL: never follows a link the directory's owner may have put there.
     */
    public void acknowledge(int n) {
        try {
            SafeFiles.createEmpty(dir, Protocol.ACK_PREFIX + n);
        } catch (IOException e) {
            // already acknowledged, or the directory went away with the target
        }
    }

    /** Recordings the agent deleted unread because we fell behind. */
    public int dropped() {
        String text = read(Protocol.DROPPED);
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Tells the agent which threads to look at for wait targets ({@link Protocol#WATCH}). */
    public void watch(String list) {
        try {
            SafeFiles.replace(dir, Protocol.WATCH, list);
        } catch (IOException | RuntimeException e) {
            // the target exited: its windows end, and with them the need to know
        }
    }

    /** The agent's newest wait snapshot ({@link Protocol#WAITS}) if it changed since the last call, else null. */
    public String waits() {
        try {
            FileTime modified = Files.getLastModifiedTime(dir.resolve(Protocol.WAITS), LinkOption.NOFOLLOW_LINKS);
            if (modified.equals(lastWaits)) {
                return null;
            }
            lastWaits = modified;
            return read(Protocol.WAITS);
        } catch (IOException | RuntimeException e) {
            return null; // none written yet
        }
    }

    public Set<String> jdbcClasses() {
        Path file = dir.resolve(Protocol.JDBC_CLASSES);
        try {
            FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
            if (!modified.equals(lastJdbc)) {
                String text = SafeFiles.read(dir, Protocol.JDBC_CLASSES, 16 << 20);
                jdbcClasses = text == null ? Set.of() : new HashSet<>(text.lines().toList());
                lastJdbc = modified;
            }
        } catch (IOException | RuntimeException e) {
            // none published yet
        }
        return jdbcClasses;
    }

    /** The agent's info file, or null while it has not started. */
    Properties info() {
        String text = read(Protocol.INFO);
        if (text == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return p;
    }

    static TargetInfo targetInfo(long pid, Properties info) {
        return new TargetInfo(pid, TargetInfo.mainClassOf(info.getProperty("command", "")),
                info.getProperty("java.version", ""));
    }

    /**
     * The JVM answered with an agent of another jspy build (a JVM keeps the first agent it
     * loaded): none at all, or one that names another protocol version.
     */
    public boolean staleAgent() {
        String version = read(Protocol.AGENT);
        return version == null || !version.trim().equals(Protocol.VERSION);
    }

    public static JspyException staleAgent(long pid) {
        return new JspyException(ExitCode.ATTACH_FAILED, "JVM " + pid + " runs the agent of an older jspy build",
                "restart that JVM to use this jspy version (a JVM keeps the first agent it loaded)");
    }

    String error() {
        return read(Protocol.ERROR);
    }

    /** A small file the agent wrote (never through a link), or null. */
    String read(String name) {
        try {
            return SafeFiles.read(dir, name, 1 << 20);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Deletes the session directory without ever entering a link (a recursive delete once did). */
    void delete() {
        try {
            SafeFiles.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover directory holds nothing secret, and StaleSessions removes it later
        }
    }
}
