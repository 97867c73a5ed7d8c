package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'jspy completions bash' sourced into a real bash, whose registered completion function is
 * called as bash calls it on Tab: COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set, the
 * offers read back from COMPREPLY.
 */
class CompletionIT {
    /** Completes each line (the last word is the one being completed), one "== line" section each. */
    private static final String DRIVER = """
            source "$1"
            shift
            spec=$(complete -p jspy)
            fn=${spec#*-F }
            fn=${fn%% *}
            echo "registered: $spec"
            echo "shell: $$"
            for line in "$@"; do
              read -r -a COMP_WORDS <<< "$line"
              [[ $line == *' ' ]] && COMP_WORDS+=("")
              COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
              COMP_LINE=$line
              COMP_POINT=${#line}
              COMPREPLY=()
              "$fn" jspy "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
              echo "== $line"
              printf '%s\\n' "${COMPREPLY[@]}"
            done
            """;

    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void printTheScript() throws Exception {
        JspyRun jspy = JspyRun.run(dir, 60, "completions", "bash");
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        script = Files.writeString(dir.resolve("jspy.bash"), jspy.stdout());
    }

    /** Offers per line, plus "registered" and "shell" (bash's own PID). */
    private static Map<String, List<String>> complete(String... lines) throws Exception {
        Path driver = Files.writeString(dir.resolve("driver.bash"), DRIVER);
        List<String> cmd = new ArrayList<>(List.of("bash", "--norc", "--noprofile", driver.toString(),
                script.toString()));
        cmd.addAll(List.of(lines));
        Path errors = dir.resolve("driver.err");
        Process bash = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), out);
        // picocli's script calls compopt, which bash refuses outside a Tab press; nothing else may fail.
        assertEquals(List.of(), Files.readAllLines(errors).stream()
                .filter(l -> !l.endsWith("compopt: not currently executing completion function")).toList());
        Map<String, List<String>> offers = new LinkedHashMap<>();
        String section = null;
        for (String l : out.lines().toList()) {
            if (l.startsWith("registered: ") || l.startsWith("shell: ")) {
                offers.put(l.substring(0, l.indexOf(':')), List.of(l.substring(l.indexOf(' ') + 1)));
            } else if (l.startsWith("== ")) {
                section = l.substring(3);
                offers.put(section, new ArrayList<>());
            } else if (section != null && !l.isEmpty()) {
                offers.get(section).add(l);
            }
        }
        return offers;
    }

    @Test
    void subcommandsOptionsAndFormatNamesAreOffered() throws Exception {
        Map<String, List<String>> offers = complete("jspy ", "jspy re", "jspy record --", "jspy record -f ",
                "jspy top --", "jspy completions ");
        assertTrue(offers.get("registered").get(0).matches("complete .*-F \\S+ jspy"), offers.toString());
        assertTrue(offers.get("jspy ").containsAll(List.of("record", "top", "dump", "flamegraph", "diff",
                "completions", "help")), offers.toString());
        assertEquals(List.of("record"), offers.get("jspy re"));
        assertTrue(offers.get("jspy record --").containsAll(List.of("--pid", "--duration", "--output", "--format",
                "--fail-if")), offers.toString());
        assertTrue(offers.get("jspy record -f ").containsAll(List.of("svg", "collapsed", "speedscope", "json")),
                offers.toString());
        assertTrue(offers.get("jspy top --").containsAll(List.of("--pid", "--rate", "--delay")), offers.toString());
        assertFalse(offers.get("jspy top --").contains("--duration"), "record's options offered for top");
        assertEquals(List.of("bash", "zsh"), offers.get("jspy completions "));
    }

    @Test
    void thePidsOfRunningJvmsAreOfferedAfterPid() throws Exception {
        try (TargetApp app = TargetApp.start(25, "LockApp", dir)) {
            String target = Long.toString(app.pid());
            String self = Long.toString(ProcessHandle.current().pid()); // this test runs in a JVM too
            Map<String, List<String>> offers = complete("jspy top -p ", "jspy record --pid ",
                    "jspy dump -p " + target.substring(0, target.length() - 1));
            for (String line : List.of("jspy top -p ", "jspy record --pid ")) {
                assertTrue(offers.get(line).containsAll(List.of(target, self)), line + offers.get(line));
                assertFalse(offers.get(line).contains(offers.get("shell").get(0)), "bash is not a JVM: " + offers);
                assertTrue(offers.get(line).stream().allMatch(p -> p.matches("\\d+")), offers.get(line).toString());
            }
            String prefix = target.substring(0, target.length() - 1);
            List<String> completed = offers.get("jspy dump -p " + prefix);
            assertTrue(completed.contains(target), offers.toString());
            assertTrue(completed.stream().allMatch(p -> p.startsWith(prefix)), offers.toString());
        }
    }
}
