package jspy.cli.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The alert rule that promtool checks (ServePrometheusIT) is the one docs/serve.md shows: a user
 * who copies it from there gets a rule that loads.
 */
class DocsAlertRuleTest {
    @Test
    void serveDocsShowTheRuleThatPromtoolChecks() throws Exception {
        String rule;
        try (InputStream in = DocsAlertRuleTest.class.getResourceAsStream("/serve/jspy-alerts.yml")) {
            rule = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = rule.substring(rule.indexOf('\n') + 1).strip(); // without its comment line
        String docs = Files.readString(Path.of("..", "docs", "serve.md"), StandardCharsets.UTF_8);
        assertTrue(docs.contains(body), "docs/serve.md must show the checked rule:\n" + body);
    }
}
