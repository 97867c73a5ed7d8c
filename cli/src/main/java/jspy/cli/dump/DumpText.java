package jspy.cli.dump;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import jspy.cli.base.Printable;

/**
 * The human view, after py-spy dump: a header, then per thread one line with id, name, state
 * and bucket, OS thread id and CPU time, what it waits for, and its frames leaf first. Virtual
 * threads with the same stack are shown once with their count ({@link DumpGroups}) unless
 * {@code group} is off. Numbers in the root locale. Every text from the target goes through
 * {@link Printable}: a thread named with ESC sequences and a CR cleared and rewrote the terminal
 * of whoever ran {@code jspy dump}.
 */
public final class DumpText implements DumpWriter {
    /** Names listed on a group's line; the count says how many more there are. */
    private static final int NAMES_SHOWN = 3;

    private final boolean group;

    public DumpText(boolean group) {
        this.group = group;
    }

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
        List<DumpGroups.Group> groups = group ? DumpGroups.of(dump.threads())
                : dump.threads().stream().map(t -> new DumpGroups.Group(List.of(t))).toList();
        if (groups.size() < dump.threads().size()) {
            out.write("Virtual threads with the same stack are shown once (--no-group shows each)\n");
        }
        for (DumpGroups.Group g : groups) {
            out.write("\n");
            out.write(g.members().size() == 1 ? thread(g.first()) : group(g));
            String lock = g.sharedLock();
            DumpedThread t = g.first();
            String peer = g.members().size() == 1 ? dump.peer(t) : null;
            if (peer != null) {
                out.write("    waiting on peer " + Printable.of(peer) + "\n");
            }
            if (lock != null) {
                out.write("    waiting for " + Printable.of(lock) + (t.lockOwnerId() < 0 ? ""
                        : " held by #" + t.lockOwnerId() + " \"" + Printable.of(t.lockOwnerName()) + "\"") + "\n");
            } else if (t.lock() != null) {
                out.write("    waiting for " + Printable.of(DumpGroups.type(t.lock())) + " (each its own)\n");
            }
            for (StackFrame f : t.frames()) {
                out.write("    " + Printable.of(f.display()) + "\n");
            }
        }
    }

    /** {@code Thread #14 "name" BLOCKED [lock] tid=20931 cpu=1.25s}; tid and cpu when known. */
    private static String thread(DumpedThread t) {
        return "Thread #" + t.id() + " \"" + Printable.of(t.name()) + "\"" + (t.virtual() ? " virtual " : " ")
                + state(t) + " [" + t.bucket().label() + "]" + (t.osTid() < 0 ? "" : " tid=" + t.osTid())
                + (t.cpuNanos() < 0 ? "" : String.format(Locale.ROOT, " cpu=%.2fs", t.cpuNanos() / 1e9)) + "\n";
    }

    /** {@code 500 virtual threads TIMED_WAITING [idle]: #30 "a", #31 "b", #32 "c", ...} */
    private static String group(DumpGroups.Group g) {
        StringBuilder line = new StringBuilder().append(g.members().size()).append(" virtual threads ")
                .append(state(g.first())).append(" [").append(g.first().bucket().label()).append("]:");
        List<DumpedThread> members = g.members();
        for (int i = 0; i < Math.min(NAMES_SHOWN, members.size()); i++) {
            line.append(i == 0 ? " #" : ", #").append(members.get(i).id()).append(" \"")
                    .append(Printable.of(members.get(i).name())).append('"');
        }
        return line.append(members.size() > NAMES_SHOWN ? ", ...\n" : "\n").toString();
    }

    private static String state(DumpedThread t) {
        return t.state() == null ? "UNKNOWN" : Printable.of(t.state());
    }
}
