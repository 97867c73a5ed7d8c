package jspy.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Printable;
import jspy.cli.profile.Profile;

/**
 * Output file names, checked before sampling starts so a typo does not cost a recording, and
 * written with a fallback so that a failed write does not lose one either.
 */
public final class OutputFiles {
    /** What the probe writes beside the output: a block, so a full disk refuses it as it would the output. */
    private static final int PROBE_BYTES = 4096;

    private OutputFiles() {
    }

    /**
     * One format: -o as given. Several: -o's base name with each format's extension
     * ({@code -o p.svg -f svg,collapsed} writes p.svg and p.collapsed). Each is {@linkplain #check
     * checked}; an -f that contradicts -o's extension gets a warning on err.
     */
    public static Map<Format, Path> resolve(Path output, List<Format> formats, String defaultBase, PrintWriter err) {
        List<Format> chosen = formats(output, formats);
        Map<Format, Path> files = new LinkedHashMap<>();
        for (Format f : chosen) {
            if (output != null && chosen.size() == 1) {
                files.put(f, output);
            } else {
                String base = output == null ? defaultBase : Format.withoutEnding(output.toString());
                files.put(f, Path.of(base + "." + f.extension()));
            }
        }
        check(files);
        String warning = contradiction(output, formats, files);
        if (warning != null) {
            err.println("jspy: warning: " + warning);
            err.flush();
        }
        return files;
    }

    /**
     * -f as given, else what -o's extension names ({@code -o p.collapsed} writes collapsed, not
     * SVG into a .collapsed file), else svg. An -f wins over the extension, as in asprof and
     * py-spy ({@code py-spy record --format speedscope -o profile.json}); more than one format on
     * standard output is an error.
     */
    public static List<Format> formats(Path output, List<Format> formats) {
        if (formats == null || formats.isEmpty()) {
            Format named = output == null ? null : Format.ofFileName(output.getFileName().toString());
            return List.of(named != null ? named : Format.SVG);
        }
        if (isStdout(output) && formats.size() > 1) {
            throw new JspyException(ExitCode.USAGE, "-o - writes one format to standard output, got " + formats.size(),
                    "pass one -f, e.g. -f collapsed -o -");
        }
        return formats;
    }

    /**
     * Why -f and -o's extension disagree, or null: none of the formats -f asks for fits what the
     * extension names ({@link Format#fitsName}). No -f, no -o, -o - and an unknown extension
     * (p.txt, p.pb) never disagree.
     */
    static String contradiction(Path output, List<Format> asked, Map<Format, Path> files) {
        Format named = output == null || asked == null ? null : Format.ofFileName(output.getFileName().toString());
        if (named == null || asked.stream().anyMatch(f -> f.fitsName(named))) {
            return null;
        }
        String f = asked.stream().map(Format::formatName).collect(Collectors.joining(","));
        if (files.size() == 1) {
            return quoted(output) + " will be written as " + f + " (-f wins over the extension, which names " + named + ")";
        }
        List<String> names = files.values().stream().map(OutputFiles::quoted).toList();
        return "writing " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                + " for -f " + f + "; the " + named + " that " + quoted(output) + " names is not among them";
    }

    private static String quoted(Path file) {
        return quoted(file.toString());
    }

    private static String quoted(String file) {
        return "'" + Printable.of(file) + "'";
    }

    /** {@code -o -}: standard output. */
    public static boolean isStdout(Path output) {
        return output != null && output.toString().equals("-");
    }

    /** Fails with one line (exit 8) unless every file can be written; call it before attaching. */
    public static void check(Map<Format, Path> files) {
        files.values().stream().filter(p -> !isStdout(p)).forEach(OutputFiles::checkWritable);
    }

    /**
     * Writes the profile; if that fails, saves its samples as collapsed stacks in the temp
     * directory and fails with one line naming that file. {@code -o /dev/full} used to record for
     * the whole duration and then lose everything at write time.
     */
    public static void write(Format format, Profile profile, Path file) {
        if (isStdout(file)) {
            writeStdout(format, profile);
            return;
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            format.writer().write(profile, out);
        } catch (IOException e) {
            String saved = fallback(profile);
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + quoted(file) + ": "
                    + reason(e) + (saved == null ? "" : "; the samples are saved in " + saved),
                    saved == null ? "check the directory exists and is writable"
                            : "render them with 'jspy flamegraph " + saved + " -o profile.svg'", e);
        }
    }

    private static void writeStdout(Format format, Profile profile) {
        OutputStream out = new java.io.BufferedOutputStream(System.out);
        try {
            format.writer().write(profile, out);
            out.flush();
        } catch (IOException e) {
            String saved = fallback(profile);
            throw new JspyException(ExitCode.OUTPUT, "cannot write to standard output: " + e.getMessage()
                    + (saved == null ? "" : "; the samples are saved in " + saved), "is the pipe closed?", e);
        }
        if (System.out.checkError()) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write to standard output", "is the pipe closed?");
        }
    }

    /** The samples as collapsed stacks in a new private file in the temp directory, or null if that fails too. */
    static String fallback(Profile profile) {
        try {
            Path saved = Files.createTempFile("jspy-" + profile.target().pid() + "-", ".collapsed");
            try (Writer w = Files.newBufferedWriter(saved, StandardCharsets.UTF_8)) {
                new CollapsedFormat().write(profile, w);
            }
            return saved.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Fails with one line when file cannot be written; call it before the work. The file system
     * answers, not the permission bits: a probe file is created and written beside a regular file
     * (a read-only mount, a full disk and a quota all refuse it), and a device is opened for
     * writing, with one byte written only to the memory devices (major 1: /dev/null, /dev/zero,
     * /dev/full), where a byte has no effect.
     */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + quoted(file) + ": directory "
                    + quoted(String.valueOf(dir)) + " does not exist", "create it, or pick another -o");
        }
        if (Files.isDirectory(file)) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + quoted(file) + ": it is a directory",
                    "pick another -o");
        }
        boolean exists = Files.exists(file);
        try {
            if (!exists) {
                probeBeside(dir);
            } else if (!Files.isRegularFile(file)) {
                probeDevice(file);
            } else {
                probeExisting(file.toRealPath()); // -o /dev/stdout redirected to a file: probe beside that file
            }
        } catch (IOException | SecurityException e) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + quoted(file) + ": " + reason(e),
                    (exists ? "" : "directory " + quoted(dir.toString()) + " takes no new files; ")
                            + "pick another -o; nothing was recorded yet", e);
        }
    }

    /**
     * What the OS said, without a path: for EACCES, ENOENT and EEXIST the JDK's exceptions carry
     * only the path (sun.nio.fs.UnixException.translateToIOException, JDK 17 and 25), and there
     * the path was the probe's ('cannot write /proc/x.svg: /proc/.jspy-probe-123.tmp'). The
     * others carry strerror's words as their reason.
     */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    }

    /** An existing file: opened for writing without truncating it, then a probe beside it where the directory allows. */
    private static void probeExisting(Path file) throws IOException {
        Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND).close();
        try {
            probeBeside(file.getParent());
        } catch (AccessDeniedException dirNotWritable) {
            // a writable file in a directory we may not create in: writing it in place still works
        }
    }

    private static void probeBeside(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".jspy-probe-", ".tmp"); // O_EXCL: never follows a link
        try (OutputStream out = Files.newOutputStream(probe, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.WRITE)) {
            out.write(new byte[PROBE_BYTES]);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static void probeDevice(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            if (major(file) == 1) {
                out.write(0);
                out.flush();
            }
        }
    }

    /** The device's major number (Linux dev_t encoding), or -1 when not known. */
    private static long major(Path file) {
        try {
            long rdev = ((Number) Files.getAttribute(file, "unix:rdev")).longValue();
            return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
