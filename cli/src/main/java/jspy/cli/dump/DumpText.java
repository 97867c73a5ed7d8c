package jspy.cli.dump;

import java.io.IOException;
import java.io.Writer;
import jspy.cli.base.Printable;

/**
 * The human view, after py-spy dump: a header, then per thread one line with id, name, state
 * and bucket, what it waits for, and its frames leaf first. No number formatting, so no locale.
 * Every text from the target goes through {@link Printable}: a thread named with ESC sequences and a
 * CR cleared and rewrote the terminal of whoever ran {@code jspy dump}.
 */
public final class DumpText implements DumpWriter {
    @Override
    public void write(Dump dump, Writer out) throws IOException {
        long virtual = dump.threads().stream().filter(DumpedThread::virtual).count();
        out.write("Process " + dump.pid() + ": " + (dump.mainClass().isEmpty() ? "(unknown main class)"
                : Printable.of(dump.mainClass())) + "\n");
        out.write("Java " + Printable.of(dump.javaVersion()) + ", " + dump.threads().size() + " threads"
                + (virtual > 0 ? " (" + virtual + " virtual)" : "") + "\n");
        for (String note : dump.notes()) {
            out.write("Note: " + Printable.of(note) + "\n");
        }
        for (DumpedThread t : dump.threads()) {
            out.write("\n");
            out.write("Thread #" + t.id() + " \"" + Printable.of(t.name()) + "\"" + (t.virtual() ? " virtual " : " ")
                    + (t.state() == null ? "UNKNOWN" : Printable.of(t.state())) + " [" + t.bucket().label() + "]\n");
            if (t.lock() != null) {
                out.write("    waiting for " + Printable.of(t.lock()) + (t.lockOwnerId() < 0 ? ""
                        : " held by #" + t.lockOwnerId() + " \"" + Printable.of(t.lockOwnerName()) + "\"") + "\n");
            }
            for (StackFrame f : t.frames()) {
                out.write("    " + Printable.of(f.display()) + "\n");
            }
        }
    }
}
