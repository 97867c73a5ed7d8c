package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class EscapeTest {
    private static String json(String s) throws IOException {
        StringBuilder b = new StringBuilder();
        Escape.json(s, b);
        return b.toString();
    }

    private static String xml(String s) throws IOException {
        StringBuilder b = new StringBuilder();
        Escape.xml(s, b);
        return b.toString();
    }

    @Test
    void jsonCannotCloseScriptCdataOrString() throws IOException {
        assertEquals("\"\\u003c/script\\u003e\"", json("</script>"));
        assertEquals("\"]]\\u003e\"", json("]]>"));
        assertEquals("\"\\\"q\\\" \\\\ \\u0026\"", json("\"q\" \\ &"));
        assertEquals("\"\\u2028\\u2029\"", json("\u2028\u2029"));
        assertEquals("\"caf\\u00e9 \\ud83d\\ude00 \\ud800\"", json("café \uD83D\uDE00 \uD800"));
    }

    @Test
    void xmlIsAsciiAndWellFormed() throws IOException {
        assertEquals("&lt;a href=&quot;x&quot;&gt; &amp; &#39;", xml("<a href=\"x\"> & '"));
        assertEquals("jspy &#x2014; pid &#xb7; &#x1f600;", xml("jspy — pid · \uD83D\uDE00"));
        assertEquals("&#xfffd;", xml("\uDC00"));
    }

    @Test
    void controlCharactersAreShownAsTheTerminalShowsThem() throws IOException {
        String evil = "\u001b[2J\r\n\t\u0007\u007f\u009b";
        // JSON: the JS string holds the visible text \e[2J\r\n\t\u0007\u007f\u009b, not the characters
        assertEquals("\"\\\\e[2J\\\\r\\\\n\\\\t\\\\u0007\\\\u007f\\\\u009b\"", json(evil));
        assertEquals("\\e[2J\\r\\n\\t\\u0007\\u007f\\u009b", xml(evil));
    }
}
