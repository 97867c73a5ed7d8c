package jspy.cli.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The alert rule that promtool checks (ServePrometheusIT) is the one the README shows: a user who
 * copies it from the README gets a rule that loads.
 */
class ReadmeAlertRuleTest {
    @Test
    void theReadmeShowsTheRuleThatPromtoolChecks() throws Exception {
        String rule;
        try (InputStream in = ReadmeAlertRuleTest.class.getResourceAsStream("/serve/jspy-alerts.yml")) {
            rule = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = rule.substring(rule.indexOf('\n') + 1).strip(); // without its comment line
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(body), "README.md must show the checked rule:\n" + body);
    }
}
