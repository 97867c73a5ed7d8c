package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.profile.Profile;

/** Output file names, checked before sampling starts so a typo does not cost a recording. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * One format: -o as given. Several: -o's base name with each format's extension
     * ({@code -o p.svg -f svg,collapsed} writes p.svg and p.collapsed).
     */
    public static Map<Format, Path> resolve(Path output, List<Format> formats, String defaultBase) {
        Map<Format, Path> files = new LinkedHashMap<>();
        for (Format f : formats) {
            if (output != null && formats.size() == 1) {
                files.put(f, output);
            } else {
                String base = output == null ? defaultBase : stripExtension(output.toString());
                files.put(f, Path.of(base + "." + f.extension()));
            }
        }
        files.values().forEach(OutputFiles::checkWritable);
        return files;
    }

    public static void write(Format format, Profile profile, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            format.writer().write(profile, w);
        } catch (IOException e) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + file + ": " + e.getMessage(),
                    "check the directory exists and is writable", e);
        }
    }

    private static String stripExtension(String name) {
        for (Format f : Format.values()) {
            if (name.endsWith("." + f.extension())) {
                return name.substring(0, name.length() - f.extension().length() - 1);
            }
        }
        return name;
    }

    /** Fails with one line when file cannot be written; call it before the work. */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new JspyException(ExitCode.OUTPUT, "directory " + dir + " does not exist",
                    "create it, or pick another -o");
        }
        if (!Files.isWritable(dir) || Files.isDirectory(file) || Files.exists(file) && !Files.isWritable(file)) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + file, "pick another -o");
        }
    }
}
