package jspy.cli.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of README.md and the marker before each: {@code <!-- example: ID -->}
 * (a command a test runs) or {@code <!-- output: ID -->} (what example ID prints, checked as an
 * {@link OutputTemplate}). A block with neither marker is listed in {@link #unmarked} so that a
 * test can refuse it: no example in the README goes untested.
 */
final class ReadmeExamples {
    private static final Pattern MARKER = Pattern.compile("<!-- (example|output): ([a-z0-9-]+) -->");
    private static final Pattern FENCE = Pattern.compile("^(`{3,})([A-Za-z0-9_-]*)\\s*$");

    /** One fenced block: its marker kind ("example", "output" or null), id, language and text. */
    record Block(String kind, String id, String language, String text, int line) {
        /** The block's lines with the README's stand-in PID 12345 replaced by a real one. */
        String withPid(long pid) {
            return text.replaceAll("\\b12345\\b", Long.toString(pid));
        }
    }

    private final List<Block> blocks;
    final List<String> lines;

    private ReadmeExamples(List<String> lines, List<Block> blocks) {
        this.lines = lines;
        this.blocks = blocks;
    }

    /** The repository's README.md; tests run with the module directory (cli, dist) as working directory. */
    static Path readme() {
        return repo().resolve("README.md");
    }

    static Path repo() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) ? here : here.getParent();
    }

    static ReadmeExamples read() {
        try {
            return parse(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadmeExamples parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        Matcher marker = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                if (!lines.get(i).isBlank()) {
                    marker = MARKER.matcher(lines.get(i).strip());
                    marker = marker.matches() ? marker : null;
                }
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).equals(fence.group(1))) {
                end++;
            }
            String text = String.join("\n", lines.subList(start, Math.min(end, lines.size())));
            blocks.add(new Block(marker == null ? null : marker.group(1), marker == null ? null : marker.group(2),
                    fence.group(2), text, i + 1));
            marker = null;
            i = end;
        }
        return new ReadmeExamples(lines, blocks);
    }

    List<Block> blocks() {
        return blocks;
    }

    List<Block> examples() {
        return blocks.stream().filter(b -> "example".equals(b.kind())).toList();
    }

    List<Block> unmarked() {
        return blocks.stream().filter(b -> b.kind() == null).toList();
    }

    /** The example block with this id; fails the test when the README has none. */
    Block example(String id) {
        return find("example", id).orElseThrow(() -> new AssertionError(
                "README.md has no block marked <!-- example: " + id + " -->"));
    }

    Optional<Block> output(String id) {
        return find("output", id);
    }

    private Optional<Block> find(String kind, String id) {
        return blocks.stream().filter(b -> kind.equals(b.kind()) && id.equals(b.id())).findFirst();
    }
}
