package jspy.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The private channel to the CLI: files in a session directory that only the target's user (and
 * root) can read. Files rather than a socket because they work unchanged when the target lives in
 * a container (other network and PID namespaces): the CLI reaches them through /proc/PID/root.
 */
final class Channel {
    private static final Charset UTF8 = Charset.forName("UTF-8");

    private final File dir;
    /*
     * Made once: the agent polls both every 20 ms, and a File per poll (path normalised into new
     * strings) was most of the ~30 kB/s the agent allocated. In a target that allocates nothing
     * else, that garbage slowly touched fresh eden pages: +5.5 MB of heap RSS over 45 minutes
     * against an unprofiled control (bench/soak, JDK 17, 2026-11-30).
     */
    private final File stop;
    private final File heartbeat;
    private final File closeWindow;

    /** dir: where we write; controlDir: where the CLI's heartbeat and stop files are. */
    Channel(File dir, File controlDir) {
        this.dir = dir;
        this.stop = new File(controlDir, Protocol.STOP);
        this.heartbeat = new File(controlDir, Protocol.HEARTBEAT);
        // In our own directory: in launch mode every JVM of the command tree has one, and a request is for one JVM.
        this.closeWindow = new File(dir, Protocol.CLOSE_WINDOW);
    }

    File file(String name) {
        return new File(dir, name);
    }

    boolean stopRequested() {
        return stop.exists();
    }

    /**
     * True once for each request of the CLI to close the window now. Deleted before the window is
     * closed, so a request made while it closes gets a window of its own; one unlink per poll, no
     * stat. A request we may not delete is never taken (rather than a window every poll).
     */
    boolean windowRequested() {
        return closeWindow.delete();
    }

    /** True when the CLI has stopped touching the heartbeat file or removed the directory. */
    boolean abandoned(long now) {
        long last = heartbeat.lastModified(); // 0 when missing
        return !dir.isDirectory() || last == 0 || now - last > Protocol.HEARTBEAT_TIMEOUT_MS;
    }

    /** Writes via a temporary file and a rename, so the CLI never reads half a file. */
    void publish(String name, String content) throws IOException {
        File tmp = file(name + ".tmp");
        OutputStream out = new FileOutputStream(tmp);
        try {
            out.write(content.getBytes(UTF8));
        } finally {
            out.close();
        }
        if (!tmp.renameTo(file(name))) {
            throw new IOException("cannot rename " + tmp);
        }
    }

    /** The highest recording number the CLI acknowledged (ack-N files in our directory), or 0. */
    int acknowledged() {
        String[] names = dir.list();
        int max = 0;
        if (names == null) {
            return max;
        }
        for (String name : names) {
            if (name.startsWith(Protocol.ACK_PREFIX)) {
                try {
                    max = Math.max(max, Integer.parseInt(name.substring(Protocol.ACK_PREFIX.length())));
                } catch (NumberFormatException ignored) {
                    // not one of the CLI's
                }
            }
        }
        return max;
    }

    /** Deletes recording n and its acknowledgement, if there. */
    void deleteRecording(int n) {
        recording(n).delete();
        file(Protocol.ACK_PREFIX + n).delete();
    }

    File recording(int n) {
        return file(Protocol.RECORDING_PREFIX + n + Protocol.RECORDING_SUFFIX);
    }

    /** Best effort: there is nobody else to tell. */
    void publishQuietly(String name, String content) {
        try {
            publish(name, content);
        } catch (IOException ignored) {
            // the CLI's timeout reports a silent agent
        }
    }
}
