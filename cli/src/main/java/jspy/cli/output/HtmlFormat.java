package jspy.cli.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import jspy.cli.profile.Profile;

/**
 * The timeline report: every thread's buckets over time, and a flame graph of any time range and
 * threads picked in it, in one HTML page that needs no network. The page is the resource
 * {@code timeline.html}, valid on its own (it shows an empty recording); this class fills its one
 * placeholder, the JSON data block, as async-profiler fills its flame graph's page.
 */
public final class HtmlFormat implements ProfileWriter {
    static final String TEMPLATE = "timeline.html";
    /** The placeholder: the content of this element, up to its {@code </script>}, is the data. */
    static final String DATA = "<script type=\"application/json\" id=\"jspy-timeline\">";
    private static final String[] PARTS = split(load());

    @Override
    public void write(Profile profile, Writer out) throws IOException {
        out.write(PARTS[0]);
        TimelineJson.write(profile, out);
        out.write(PARTS[1]);
        out.flush();
    }

    /** The page before the data and after it. */
    static String[] split(String page) {
        int open = page.indexOf(DATA);
        int close = open < 0 ? -1 : page.indexOf("</script>", open);
        if (open < 0 || close < 0 || page.indexOf(DATA, open + 1) >= 0) {
            throw new IllegalStateException(TEMPLATE + " needs exactly one " + DATA + " block");
        }
        return new String[] {page.substring(0, open + DATA.length()), page.substring(close)};
    }

    static String load() {
        try (InputStream in = HtmlFormat.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATE + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
