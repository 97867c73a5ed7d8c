package jspy.cli.output;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The output formats of {@code record}, each one class. */
public enum Format {
    SVG("svg", "flame graph", new SvgFormat()),
    COLLAPSED("collapsed", "collapsed stacks", new CollapsedFormat()),
    SPEEDSCOPE("speedscope", "speedscope profile", new SpeedscopeFormat()),
    JSON("json", "JSON summary", new JsonFormat()),
    PPROF("pprof", "pb.gz", "pprof profile", new PprofFormat()),
    HTML("html", "timeline", new HtmlFormat());

    private final String name;
    private final String extension;
    private final String noun;
    private final ProfileWriter writer;

    Format(String extension, String noun, ProfileWriter writer) {
        this(extension, extension, noun, writer);
    }

    Format(String name, String extension, String noun, ProfileWriter writer) {
        this.name = name;
        this.extension = extension;
        this.noun = noun;
        this.writer = writer;
    }

    /** What -f and ?format= take. */
    public String formatName() {
        return name;
    }

    /** The file extension, without the dot: pprof's is "pb.gz", as go tool pprof writes it. */
    public String extension() {
        return extension;
    }

    /** What the file holds, for "Wrote flame graph to ...". */
    public String noun() {
        return noun;
    }

    /** Whether the format shows when things happened, so the recording must keep samples in time order. */
    public boolean timeline() {
        return this == SPEEDSCOPE || this == HTML;
    }

    public ProfileWriter writer() {
        return writer;
    }

    /**
     * The file-name endings that name a format: a format's own extension, and .folded (collapsed
     * stacks as Brendan Gregg's tools name them), .speedscope.json (speedscope's own). A longer
     * ending comes before the one it ends with: .speedscope.json is speedscope, not JSON.
     */
    private static final List<Map.Entry<String, Format>> ENDINGS = List.of(Map.entry(".speedscope.json", SPEEDSCOPE),
            Map.entry(".speedscope", SPEEDSCOPE), Map.entry(".folded", COLLAPSED), Map.entry(".collapsed", COLLAPSED),
            Map.entry(".svg", SVG), Map.entry(".json", JSON), Map.entry(".pb.gz", PPROF), Map.entry(".html", HTML));

    /** The format a file name asks for, or null: .svg, .collapsed or .folded, .json, .speedscope(.json), .pb.gz, .html. */
    public static Format ofFileName(String name) {
        Map.Entry<String, Format> e = ending(name);
        return e == null ? null : e.getValue();
    }

    /** The name without the ending that names a format ({@code p.speedscope.json} -> {@code p}), or as it is. */
    public static String withoutEnding(String name) {
        Map.Entry<String, Format> e = ending(name);
        return e == null ? name : name.substring(0, name.length() - e.getKey().length());
    }

    private static Map.Entry<String, Format> ending(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ENDINGS.stream().filter(e -> n.endsWith(e.getKey())).findFirst().orElse(null);
    }

    /**
     * Whether a file whose name says {@code named} may hold this format without surprising anyone:
     * the same format, or a speedscope profile in a .json file (speedscope files are JSON, and
     * py-spy's own example is {@code --format speedscope -o profile.json}).
     */
    public boolean fitsName(Format named) {
        return this == named || this == SPEEDSCOPE && named == JSON;
    }

    @Override
    public String toString() {
        return name;
    }
}
