package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every format of one hand-made profile against a reviewed file, in the root locale and under
 * Locale.GERMANY (decimal commas, "." as grouping): the bytes must not change. Regenerate with
 * -Djspy.updateGolden=true and review the diff before committing it.
 */
class GoldenTest {
    /** 1,510 samples at 97 Hz (an interval of 10.309 ms, so weights have decimals); idle hidden. */
    static Profile profile() {
        List<Sample> samples = List.of(
                new Sample(List.of("[http-worker-1 tid=11]", "java/lang/Thread.run", "com/acme/Server.handle",
                        "com/acme/Parser.parse"), Bucket.CPU, 700),
                new Sample(List.of("[http-worker-1 tid=11]", "java/lang/Thread.run", "com/acme/Server.handle",
                        "com/acme/Parser.parse", "com/acme/Parser.parse"), Bucket.CPU, 100),
                new Sample(List.of("[http-worker-2 tid=12]", "java/lang/Thread.run", "com/acme/Server.handle",
                        "org/postgresql/jdbc/PgStatement.execute", "sun/nio/ch/NioSocketImpl.read"), Bucket.JDBC, 400),
                new Sample(List.of("[http-worker-2 tid=12]", "java/lang/Thread.run", "com/acme/Server.handle",
                        "com/acme/Cache.get", "ObjectMonitor::enter_internal"), Bucket.LOCK, 210),
                new Sample(List.of("[Grüße \"quoted\" <tid> tid=13]", "com/acme/Étude.run"), Bucket.IO, 100),
                new Sample(List.of("[sleeper tid=14]", "java/lang/Thread.sleep"), Bucket.IDLE, 5000));
        return new Profile(new TargetInfo(4242, "com.acme.Main", "17.0.15"), samples, 15.567, 97, false, true);
    }

    static String render(Format format, Locale locale) {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(locale);
            // Bytes through the stream API, as files are written.
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            format.writer().write(profile(), out);
            return out.toString(charset(format));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Locale.setDefault(saved);
        }
    }

    /** pprof is binary (gzip): compared as Latin-1, one char per byte; the text formats as UTF-8. */
    static java.nio.charset.Charset charset(Format format) {
        return format == Format.PPROF ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    static String file(Format format) {
        return "profile." + format.extension();
    }

    /**
     * Not the timeline page: its golden file would be a copy of the page's resource. Its data is
     * checked in every locale by LanesTest, and the page in the browser by TimelinePageTest.
     */
    @ParameterizedTest
    @EnumSource(value = Format.class, mode = EnumSource.Mode.EXCLUDE, names = "HTML")
    void sameBytesAsTheGoldenFileInAnyLocale(Format format) throws Exception {
        String root = render(format, Locale.ROOT);
        if (Boolean.getBoolean("jspy.updateGolden")) {
            Files.write(Path.of("src/test/resources/golden", file(format)), root.getBytes(charset(format)));
        }
        assertEquals(golden(format), root, file(format));
        assertEquals(root, render(format, Locale.GERMANY), file(format) + " under Locale.GERMANY");
    }

    static String golden(Format format) throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/" + file(format))) {
            if (in == null) {
                throw new AssertionError("missing golden file " + file(format) + ": run with -Djspy.updateGolden=true");
            }
            return new String(in.readAllBytes(), charset(format));
        }
    }
}
