package jspy.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import jspy.cli.output.Format;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses -f by its lowercase name. */
final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
        for (Format f : Format.values()) {
            if (f.formatName().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new TypeConversionException("unknown format '" + value + "', use one of " + String.join(", ", new Names().list()));
    }

    static final class Names implements Iterable<String> {
        List<String> list() {
            List<String> names = new ArrayList<>();
            for (Format f : Format.values()) {
                names.add(f.formatName());
            }
            return names;
        }

        @Override
        public Iterator<String> iterator() {
            return list().iterator();
        }
    }
}
