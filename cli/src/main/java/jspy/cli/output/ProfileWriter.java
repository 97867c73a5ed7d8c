package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import jspy.cli.profile.Profile;

/** One output format. Implementations stream the profile to the writer and keep no state. */
public interface ProfileWriter {
    void write(Profile profile, Writer out) throws IOException;
}
