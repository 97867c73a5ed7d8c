package jspy.cli.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import jspy.cli.profile.Profile;

/** One output format. Implementations stream the profile to the writer and keep no state. */
public interface ProfileWriter {
    void write(Profile profile, Writer out) throws IOException;

    /** The bytes: UTF-8 text, unless the format is binary (pprof) and says otherwise. */
    default void write(Profile profile, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(profile, w);
        w.flush();
    }
}
