package jspy.cli.attach;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.profile.TargetInfo;

/**
 * The CLI's side of one agent's directory: what the agent published (info, snapshots, JDBC
 * classes, errors) and the control files we write (heartbeat, stop).
 */
final class AgentDir {
    private final Path dir;
    private long lastHeartbeat;
    private FileTime lastSnapshot;
    private String latest = "";
    private Set<String> jdbcClasses = Set.of();
    private FileTime lastJdbc;

    AgentDir(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** Touches the heartbeat at most twice a second; the agent gives up after 3 s of silence. */
    void heartbeat() {
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
            // the target exited and its filesystem went away; callers notice that themselves
        }
    }

    void requestStop() {
        try {
            Files.createFile(dir.resolve("stop"));
        } catch (IOException e) {
            // already asked, or the directory is gone with the target
        }
    }

    boolean done() {
        return Files.exists(dir.resolve("done"));
    }

    /** Why the agent stopped: "stop", "exit" (the JVM is shutting down), "abandoned"; or null. */
    String doneReason() {
        String done = read("done");
        return done == null ? null : done.trim();
    }

    /** The newest cumulative snapshot if it changed since the last call, else null. */
    String poll() {
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

    /** The newest snapshot read so far ("" before the first). */
    String latest() {
        return latest;
    }

    Set<String> jdbcClasses() {
        Path file = dir.resolve("jdbc-classes");
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(lastJdbc)) {
                jdbcClasses = new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8));
                lastJdbc = modified;
            }
        } catch (IOException e) {
            // none published yet
        }
        return jdbcClasses;
    }

    /** The agent's info file, or null while it has not started. */
    Properties info() {
        String text = read("info");
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
        String command = info.getProperty("command", "");
        int space = command.indexOf(' ');
        String main = space < 0 ? command : command.substring(0, space);
        // java -jar /long/path/app.jar: the jar's name says enough
        return new TargetInfo(pid, main.substring(main.lastIndexOf('/') + 1), info.getProperty("java.version", ""));
    }

    /** The JVM answered with an agent that predates this jspy (it keeps the first it loaded). */
    boolean staleAgent() {
        return read("agent") == null;
    }

    static JspyException staleAgent(long pid) {
        return new JspyException(ExitCode.ATTACH_FAILED, "JVM " + pid + " runs the agent of an older jspy build",
                "restart that JVM to use this jspy version (a JVM keeps the first agent it loaded)");
    }

    String error() {
        return read("error");
    }

    String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (NoSuchFileException gone) {
            // nothing to clean
        } catch (IOException e) {
            // best effort: a leftover directory holds nothing secret and is reused by nobody
        }
    }
}
