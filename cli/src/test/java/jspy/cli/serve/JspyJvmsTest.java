package jspy.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The main class (or -jar's jar) found in java's arguments, the way serve --all tells jspy's JVMs apart. */
class JspyJvmsTest {
    @Test
    void findsTheMainClassPastOptionsAndTheirValues() {
        assertEquals("jspy.cli.Main", JspyJvms.mainOf(List.of("-Xss1m", "-cp", "a.jar:b.jar", "jspy.cli.Main", "serve")));
        assertEquals("com.acme.Main", JspyJvms.mainOf(List.of("--class-path", "x", "-Dk=v", "com.acme.Main", "-p", "9")));
        assertEquals("lib/jspy.jar", JspyJvms.mainOf(List.of("-XX:+UseParallelGC", "-jar", "lib/jspy.jar", "record")));
        assertEquals("jspy.cli.Main", JspyJvms.mainOf(List.of("-p", "mods", "-m", "jspy.cli/jspy.cli.Main", "top")));
        assertNull(JspyJvms.mainOf(List.of("-version")));
        assertNull(JspyJvms.mainOf(List.of("-jar")));
    }
}
