package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md stays a short user's guide whose examples are all run (ReadmeExamplesIT, and dist's
 * ReadmeInstallIT), and whose links, like those of docs/, lead somewhere.
 */
class ReadmeTest {
    /** The issue that split the README asked for a user's guide of at most about 250 lines. */
    private static final int MAX_LINES = 250;
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    private final ReadmeExamples readme = ReadmeExamples.read();

    @Test
    void everyBlockIsAnExampleThatATestRunsOrItsOutput() {
        List<String> unmarked = readme.unmarked().stream().map(b -> "line " + b.line() + ": " + b.text()).toList();
        assertEquals(List.of(), unmarked, "mark each README block <!-- example: ID --> and run it in "
                + "ReadmeExamplesIT, or <!-- output: ID --> after the example that prints it");
        Set<String> ids = new TreeSet<>();
        for (ReadmeExamples.Block b : readme.examples()) {
            assertTrue(ids.add(b.id()), "two examples are called " + b.id());
        }
        Set<String> run = new TreeSet<>(ReadmeExamplesIT.RUN_HERE);
        run.addAll(ReadmeExamplesIT.RUN_ELSEWHERE.keySet());
        assertEquals(run, ids, "the README's examples and the examples the tests run");
        for (ReadmeExamples.Block b : readme.blocks()) {
            assertTrue(!"output".equals(b.kind()) || ids.contains(b.id()), "output of no example: " + b.id());
        }
    }

    /** The test of another module that runs an example reads it from the README by its id. */
    @Test
    void examplesRunElsewhereAreReadFromTheReadmeThere() throws IOException {
        for (var e : ReadmeExamplesIT.RUN_ELSEWHERE.entrySet()) {
            Path test = ReadmeExamples.repo().resolve(e.getValue());
            assertTrue(Files.exists(test), test.toString());
            assertTrue(Files.readString(test).contains(".example(\"" + e.getKey() + "\")"),
                    test + " must read README example " + e.getKey());
        }
    }

    /**
     * A jspy command line in the text is either a command's name, a --help, or a piece of an
     * example a test runs: a command the README shows in passing would go untested.
     */
    @Test
    void jspyCommandsInTheTextAreExamples() {
        List<String> exampleLines = readme.examples().stream().flatMap(b -> b.text().lines()).toList();
        List<String> untested = new ArrayList<>();
        Matcher m = INLINE.matcher(String.join("\n", readme.lines));
        while (m.find()) {
            String code = m.group(1);
            boolean command = code.startsWith("jspy ") || code.startsWith("./jspy ");
            if (command && !code.matches("(\\./)?jspy [a-zA-Z]+( --help)?")
                    && exampleLines.stream().noneMatch(l -> l.contains(code))) {
                untested.add(code);
            }
        }
        assertEquals(List.of(), untested, "jspy command lines in README.md that no example runs");
    }

    @Test
    void theReadmeStaysAShortGuide() {
        assertTrue(readme.lines.size() <= MAX_LINES, "README.md has " + readme.lines.size() + " lines; at most "
                + MAX_LINES + ": move details to docs/ and link them");
    }

    /** Every page of docs/ is linked from the README, so a newcomer can find it. */
    @Test
    void everyDocsPageIsLinkedFromTheReadme() throws IOException {
        String text = String.join("\n", readme.lines);
        try (Stream<Path> docs = Files.list(ReadmeExamples.repo().resolve("docs"))) {
            List<String> unlinked = docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md"))
                    .filter(p -> !text.contains("](" + p + ")") && !text.contains("](" + p + "#")).sorted().toList();
            assertEquals(List.of(), unlinked, "docs pages README.md does not link");
        }
    }

    /** Relative links in README.md, docs/ and bench/README.md lead to a file, and to a heading in it. */
    @Test
    void linksLeadSomewhere() throws IOException {
        Path repo = ReadmeExamples.repo();
        List<Path> pages = new ArrayList<>(List.of(repo.resolve("README.md"), repo.resolve("bench/README.md")));
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (!target.matches("[a-z]+:.*") && !leadsSomewhere(page, target)) {
                    broken.add(repo.relativize(page) + ": " + target);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    private static boolean leadsSomewhere(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(to)) {
            return false;
        }
        return hash < 0 || anchors(to).contains(target.substring(hash + 1));
    }

    /** GitHub's anchors: headings lower-cased, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        Matcher m = HEADING.matcher(Files.readString(page, StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(m.group(1).strip().toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return out;
    }
}
