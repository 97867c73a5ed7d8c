package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;

/**
 * Folded stacks for flamegraph.pl, inferno and speedscope. The bucket is recoverable from every
 * line: its first frame is the bucket in brackets, e.g.
 * {@code [socket];java/lang/Thread.run;...;sun/nio/ch/SocketDispatcher.read0 42}. With
 * {@code --threads} the thread frame {@code [name tid=N]} follows the bucket.
 */
public final class CollapsedFormat implements ProfileWriter {
    @Override
    public void write(Profile profile, Writer out) throws IOException {
        for (Sample s : profile.samples()) {
            if (!profile.shown(s)) {
                continue;
            }
            out.write('[');
            out.write(s.bucket().label());
            out.write(']');
            for (String frame : s.display(profile.showThreads())) {
                out.write(';');
                out.write(frame);
            }
            out.write(' ');
            out.write(Long.toString(s.count()));
            out.write('\n');
        }
    }
}
