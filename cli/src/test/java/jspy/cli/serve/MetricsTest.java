package jspy.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void openMetricsFamiliesEndWithEofAndCarryUserLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod \"eu\"\\1\n");
        String text = Metrics.render(List.of(), 3, null, labels);
        assertTrue(text.endsWith("# EOF\n"), text);
        assertTrue(text.contains("# TYPE jspy_wall_seconds counter\n# UNIT jspy_wall_seconds seconds\n"), text);
        assertTrue(text.contains("jspy_attach_errors_total{env=\"prod \\\"eu\\\"\\\\1\\n\"} 3\n"), text);
        assertTrue(!text.contains("jspy_push"), "no push series without --push");
    }

    @Test
    void appNameIsTheMainClassWithoutPackage() {
        assertEquals("Main", Profiled.shortName("com.acme.Main --port 8080", 1));
        assertEquals("app", Profiled.shortName("/opt/app.jar", 1));
        assertEquals("pid7", Profiled.shortName(" ", 7));
    }

    @Test
    void indexEscapesAppNames() {
        assertEquals("a&lt;b&gt;&amp;&quot;", Index.html("a<b>&\""));
    }
}
