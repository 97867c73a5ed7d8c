package jspy.cli.dump;

import java.io.IOException;
import java.io.Writer;

/**
 * The human view, after py-spy dump: a header, then per thread one line with id, name, state
 * and bucket, what it waits for, and its frames leaf first. No number formatting, so no locale.
 */
public final class DumpText implements DumpWriter {
    @Override
    public void write(Dump dump, Writer out) throws IOException {
        long virtual = dump.threads().stream().filter(DumpedThread::virtual).count();
        out.write("Process " + dump.pid() + ": " + (dump.mainClass().isEmpty() ? "(unknown main class)" : dump.mainClass())
                + "\n");
        out.write("Java " + dump.javaVersion() + ", " + dump.threads().size() + " threads"
                + (virtual > 0 ? " (" + virtual + " virtual)" : "") + "\n");
        for (String note : dump.notes()) {
            out.write("Note: " + note + "\n");
        }
        for (DumpedThread t : dump.threads()) {
            out.write("\n");
            out.write("Thread #" + t.id() + " \"" + t.name() + "\"" + (t.virtual() ? " virtual " : " ")
                    + (t.state() == null ? "UNKNOWN" : t.state()) + " [" + t.bucket().label() + "]\n");
            if (t.lock() != null) {
                out.write("    waiting for " + t.lock() + (t.lockOwnerId() < 0 ? "" : " held by #" + t.lockOwnerId()
                        + " \"" + t.lockOwnerName() + "\"") + "\n");
            }
            for (StackFrame f : t.frames()) {
                out.write("    " + f.display() + "\n");
            }
        }
    }
}
