package jspy.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jspy.cli.base.Printable;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;

/** The line printed when a recording is written: samples and each shown bucket's share. */
public final class Summary {
    private Summary() {
    }

    /** "cpu 41.2% · socket 20.1%": largest first, percentages of the shown samples. */
    public static String shares(Profile profile) {
        Map<Bucket, Long> byBucket = profile.byBucket();
        long total = profile.shownSamples();
        List<Map.Entry<Bucket, Long>> entries = new ArrayList<>(byBucket.entrySet());
        entries.removeIf(e -> e.getValue() == 0);
        entries.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Bucket, Long> e : entries) {
            if (out.length() > 0) {
                out.append(" · ");
            }
            out.append(e.getKey().label()).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / total));
        }
        return out.toString();
    }

    /**
     * One line for every file of a recording: "Wrote flame graph to 'p.svg' and JSON summary to
     * 'p.json'. Samples: 949 at 96.3 Hz per thread. poll 51.2% · ...". The rate is the one achieved.
     * A zero says why.
     */
    public static String recorded(Map<Format, java.nio.file.Path> files, Profile profile) {
        List<String> parts = new ArrayList<>();
        files.forEach((format, file) -> parts.add(format.noun() + (OutputFiles.isStdout(file) ? " to standard output"
                : " to '" + Printable.of(file.toString()) + "'")));
        String written = parts.size() == 1 ? parts.get(0) : String.join(", ", parts.subList(0, parts.size() - 1))
                + " and " + parts.get(parts.size() - 1);
        String shares = shares(profile);
        return "Wrote " + written + ". Samples: " + profile.shownSamples() + " at " + Profile.hz(profile.rateHz())
                + " Hz per thread." + (shares.isEmpty() ? "" : " " + shares) + zero(profile);
    }

    /** Why a recording shows no sample, or "". */
    static String zero(Profile profile) {
        if (profile.shownSamples() > 0) {
            return "";
        }
        long all = profile.samples().stream().mapToLong(jspy.cli.profile.Sample::count).sum();
        if (all > 0) {
            return " All " + all + " samples were idle (hidden: add --idle to show them).";
        }
        return " No thread was sampled: " + (profile.notes().isEmpty() ? "the recording ended before its first "
                + "sample window closed (1 s)" : String.join("; ", profile.notes())) + ".";
    }

    public static String wrote(Format format, String file, Profile profile) {
        String shares = shares(profile);
        return "Wrote " + format.noun() + " to '" + Printable.of(file) + "'. Samples: " + profile.shownSamples() + "."
                + (shares.isEmpty() ? "" : " " + shares);
    }

    /** The end of a flamegraph or diff summary line when input lines were skipped, else "". */
    public static String skipped(long lines) {
        return lines == 0 ? "" : " Lines skipped: " + lines + " (see the warning above).";
    }
}
