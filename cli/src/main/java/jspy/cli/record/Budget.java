package jspy.cli.record;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;

/**
 * A --fail-if gate: {@code jdbc>30%} (a bucket's share of the shown samples) or
 * {@code cpu:com.acme.Parser.parse>10%} (the share of samples in that bucket whose stack contains
 * the method). The method may be written with dots or slashes.
 */
public record Budget(Bucket bucket, String method, double maxPercent, String text) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-z]+)(?::([^>]+))?\\s*>\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");
    /** The same with any comparison and number, to say what is wrong with '>=100%' or '>-5%'. */
    private static final Pattern ALMOST = Pattern.compile("\\s*([a-z]+)(?::([^<>=]+))?\\s*([<>]=?|=)\\s*([-+]?[0-9.eE]+)\\s*%\\s*");

    public static Budget parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(almost(text) + "; write BUCKET>N% or BUCKET:METHOD>N% with N from 0 "
                    + "to below 100, e.g. 'jdbc>30%' or 'cpu:com.acme.Parser.parse>10%'");
        }
        Bucket bucket = null;
        for (Bucket b : Bucket.values()) {
            if (b.label().equals(m.group(1))) {
                bucket = b;
            }
        }
        if (bucket == null) {
            java.util.StringJoiner names = new java.util.StringJoiner(", ");
            for (Bucket b : Bucket.values()) {
                names.add(b.label());
            }
            throw new IllegalArgumentException("unknown bucket '" + m.group(1) + "' in '" + text
                    + "'; buckets are " + names);
        }
        double max = Double.parseDouble(m.group(3));
        if (max >= 100) {
            // A share is at most 100%, so '>100%' (and '>150%') could never fail a build: a typo, not a gate.
            throw new IllegalArgumentException("'" + text + "' can never be exceeded: a share is at most 100%; "
                    + "write a limit below 100, e.g. '" + m.group(1) + ">30%'");
        }
        String method = m.group(2) == null ? null : toFrame(m.group(2).trim());
        return new Budget(bucket, method, max, text.trim());
    }

    /** What is wrong with a text that is nearly a budget. */
    private static String almost(String text) {
        Matcher m = ALMOST.matcher(text);
        if (!m.matches()) {
            return "'" + text + "' is not a budget";
        }
        if (!m.group(3).equals(">")) {
            return "'" + text + "' compares with '" + m.group(3) + "'; a budget fails when a share is above a limit, "
                    + "so only '>' is accepted";
        }
        return "'" + text + "' has no limit between 0 and 100";
    }

    /** com.acme.Parser.parse -> com/acme/Parser.parse, the form frames have. */
    private static String toFrame(String method) {
        int dot = method.lastIndexOf('.');
        return dot < 0 ? method : method.substring(0, dot).replace('.', '/') + method.substring(dot);
    }

    /** The measured share in percent of the shown samples. */
    public double measure(Profile profile) {
        long total = profile.shownSamples();
        if (total == 0) {
            return 0;
        }
        long hit = 0;
        for (Sample s : profile.samples()) {
            if (profile.shown(s) && s.bucket() == bucket && (method == null || s.stack().contains(method))) {
                hit += s.count();
            }
        }
        return 100.0 * hit / total;
    }

    /**
     * A method budget whose method is on no stack at all, in any bucket: most likely a typo, which
     * would silently disable the gate; the caller warns. Null when the budget names no method or
     * the method appeared.
     */
    public String unmatched(Profile profile) {
        if (method == null) {
            return null;
        }
        for (Sample s : profile.samples()) {
            if (s.stack().contains(method)) {
                return null;
            }
        }
        return "--fail-if '" + text + "': no sample has " + method.replace('/', '.') + " on its stack (a typo?); "
                + "the gate passes";
    }

    /** "jdbc 42.0% > 30%" when exceeded, else null. */
    public String violation(Profile profile) {
        double share = measure(profile);
        if (share <= maxPercent) {
            return null;
        }
        return String.format(Locale.ROOT, "%s %.1f%% > %s%%", method == null ? bucket.label()
                : bucket.label() + ":" + method.replace('/', '.'), share, trim(maxPercent));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
