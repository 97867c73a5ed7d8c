package jspy.cli.output;

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
     * The format a file name asks for, or null: .svg, .collapsed or .folded, .json (.speedscope.json
     * is speedscope's own), .speedscope, .pb.gz (pprof).
     */
    public static Format ofFileName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".speedscope.json") || n.endsWith(".speedscope")) {
            return SPEEDSCOPE;
        }
        if (n.endsWith(".folded")) {
            return COLLAPSED;
        }
        for (Format f : values()) {
            if (n.endsWith("." + f.extension())) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
