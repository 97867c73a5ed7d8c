package jspy.cli.dump;

import java.io.IOException;
import java.io.Writer;

/** One output format of {@code jspy dump}. */
public interface DumpWriter {
    void write(Dump dump, Writer out) throws IOException;
}
