package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgFlameGraphTest {
    static final String GOLDEN = "golden.svg";
    static final List<Category> CATEGORIES = FlameTreeTest.CATEGORIES;
    static final SvgOptions OPTIONS = SvgOptions.defaults(
            "jspy — pid 1234 · com.acme.Main · JDK 17.0.15", "wall-clock, 100 Hz, 10.0 s, 300 samples");

    /** 300 samples: main 225 (Foo.bar 150, Foo.baz 75), worker 75; cpu 2/3, lock 1/3 (33.3%). */
    static FlameTree sample() {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.bar"), 0, 150);
        tree.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.baz"), 0, 50);
        tree.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.baz"), 1, 25);
        tree.add(List.of("[worker tid=2]", "Work.run"), 1, 75);
        return tree;
    }

    @Test
    void matchesGoldenFile() throws Exception {
        String svg = Svg.write(sample(), OPTIONS);
        // Regenerate with -Djspy.updateGolden=true, then review the diff before committing it.
        if (Boolean.getBoolean("jspy.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/jspy/flamegraph", GOLDEN), svg);
        }
        assertEquals(golden(), svg);
        Svg.parse(svg);
    }

    @Test
    void sameBytesUnderGermanLocale() throws Exception {
        Locale saved = Locale.getDefault();
        String german;
        try {
            Locale.setDefault(Locale.GERMANY);
            german = Svg.write(sample(), OPTIONS);
        } finally {
            Locale.setDefault(saved);
        }
        assertTrue(german.contains(">lock 33.3%<"), "legend share with a decimal point");
        assertEquals(golden(), german);
        assertEquals(Svg.write(sample(), OPTIONS), german);
    }

    @Test
    void sameBytesWhateverTheInsertionOrder() {
        FlameTree reversed = new FlameTree(CATEGORIES);
        reversed.add(List.of("[worker tid=2]", "Work.run"), 1, 75);
        reversed.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.baz"), 1, 25);
        reversed.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.baz"), 0, 50);
        reversed.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.bar"), 0, 150);
        assertEquals(Svg.write(sample(), OPTIONS), Svg.write(reversed, OPTIONS));
    }

    @Test
    void framesAreDepthFirstWithNamesStoredOnce() throws Exception {
        FlameTree tree = sample();
        tree.add(List.of("[worker tid=2]", "Foo.bar"), 0, 30); // a second frame with a known name
        String svg = Svg.write(tree, OPTIONS);
        List<String> order = Svg.frames(svg).stream().map(f -> f.depth() + " " + f.name()).toList();
        assertEquals(List.of("0 all", "1 [main tid=1]", "2 java/lang/Thread.run", "3 Foo.bar",
                "3 Foo.baz", "1 [worker tid=2]", "2 Foo.bar", "2 Work.run"), order);
        List<String> names = Svg.names(svg);
        assertEquals(names.size(), names.stream().distinct().count(), "each name once: " + names);
        assertEquals(7, names.size());
        assertEquals(75, Svg.frame(svg, "Work.run").samples());
        assertEquals(330, Svg.frame(svg, "all").samples());
    }

    @Test
    void frameCategoryIsTheMajority() throws Exception {
        FlameTree tree = sample();
        tree.add(List.of("[main tid=1]", "java/lang/Thread.run", "Foo.baz"), 1, 26); // lock 51 > cpu 50
        String svg = Svg.write(tree, OPTIONS);
        assertEquals(1, Svg.frame(svg, "Foo.baz").category());
        assertEquals(0, Svg.frame(svg, "Foo.bar").category());
        assertEquals(1, Svg.frame(svg, "Work.run").category());
        assertEquals(0, Svg.frame(svg, "java/lang/Thread.run").category());
    }

    @Test
    void prunesFramesTooNarrowToSeeWithTheirDescendants() throws Exception {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("main", "Big.sibling", "Big.child"), 0, 999_999);
        tree.add(List.of("main", "A.tiny", "A.tinyChild"), 0, 1);
        String svg = Svg.write(tree, OPTIONS);
        List<String> names = Svg.names(svg);
        assertEquals(List.of("all", "main", "Big.sibling", "Big.child"), names);
        // The tiny frame sorted first: its samples become the sibling's gap so x stays exact.
        assertEquals(1, Svg.frame(svg, "Big.sibling").gap());
        assertEquals(1_000_000, Svg.frame(svg, "all").samples());

        String unpruned = Svg.write(tree, new SvgOptions("t", "s", 1200, 0));
        assertTrue(Svg.names(unpruned).containsAll(List.of("A.tiny", "A.tinyChild")));
    }

    @Test
    void zeroSamplesStillGiveAValidSvgThatSaysSo() throws Exception {
        String svg = Svg.write(new FlameTree(CATEGORIES), OPTIONS);
        Document doc = Svg.parse(svg);
        assertEquals("No samples were collected", text(doc, "empty"));
        assertEquals(OPTIONS.title(), text(doc, "title"));
        assertEquals(List.of(), Svg.frames(svg));
        assertFalse(svg.contains("id=\"legend\""));
    }

    @Test
    void legendShowsOnlyCategoriesWithSamples() throws Exception {
        Document doc = Svg.parse(Svg.write(sample(), OPTIONS));
        List<String> labels = new ArrayList<>();
        var texts = doc.getElementsByTagNameNS(Svg.SVG_NS, "text");
        for (int i = 0; i < texts.getLength(); i++) {
            var parent = texts.item(i).getParentNode().getParentNode();
            if (parent instanceof org.w3c.dom.Element e && "legend".equals(e.getAttribute("id"))) {
                labels.add(texts.item(i).getTextContent());
            }
        }
        assertEquals(List.of("cpu 66.7%", "lock 33.3%"), labels);
        assertEquals(OPTIONS.subtitle(), text(doc, "subtitle"));
    }

    @Test
    void hiddenCategoriesAreCarriedCountedInTheNotesAndLeftOutOfPruning() throws Exception {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("[main tid=1]", "Busy.run"), 0, 1_000);
        tree.add(List.of("[main tid=1]", "Busy.rare"), 0, 1); // 1 of 1,000 shown: 1.2 px, kept
        tree.add(List.of("[pool tid=2]", "Queue.take"), 2, 99_000);
        String svg = Svg.write(tree, OPTIONS.withHidden(java.util.Set.of("io")).withNotes(List.of("rate lowered")));
        Document doc = Svg.parse(svg);
        assertEquals(List.of("all", "[main tid=1]", "Busy.rare", "Busy.run", "[pool tid=2]", "Queue.take"),
                Svg.frames(svg).stream().map(Svg.Frame::name).toList());
        assertEquals(List.of(1_001L, 0L, 99_000L), Svg.frame(svg, "all").counts());
        assertEquals("99,000 io samples hidden (click the legend to show them) \u00b7 rate lowered", text(doc, "notes"));
        assertTrue(svg.contains("\"hidden\":[2],\"notes\":[\"rate lowered\"]"), "params");
        assertTrue(svg.contains(">cpu 100.0%<") && svg.contains(">io (hidden)<"), "legend");
        var unknown = OPTIONS.withHidden(java.util.Set.of("idle"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Svg.write(tree, unknown));
    }

    @Test
    void packagesAreStoredOnceAndTheRestIsTheShortName() throws Exception {
        FlameTree tree = new FlameTree(CATEGORIES);
        List<String> frames = List.of("java/lang/Thread.run", "sun/nio/ch/NioSocketImpl.read",
                "sun/nio/ch/NioSocketImpl.timedRead", "java.lang.Object.wait", "[main tid=1]", "__GI_read",
                "java/lang/invoke/LambdaForm$DMH/0x0000000800c0c000.invoke", "libjvm.so", "pid 7: com.acme.Main",
                "ObjectMonitor::enter", "org/h2/value/Transfer.readInt");
        tree.add(frames, 0, 5);
        String svg = Svg.write(tree, OPTIONS.withShortNames(true));
        List<String> full = new ArrayList<>(List.of("all"));
        full.addAll(frames);
        assertEquals(full, Svg.names(svg));
        assertEquals(List.of("all", "Thread.run", "NioSocketImpl.read", "NioSocketImpl.timedRead", "Object.wait",
                "[main tid=1]", "__GI_read", "LambdaForm$DMH/0x0000000800c0c000.invoke", "libjvm.so",
                "pid 7: com.acme.Main", "ObjectMonitor::enter", "Transfer.readInt"), Svg.names(svg, true));
        assertEquals(5, Svg.array(svg, "packages").size(), "five packages: " + Svg.array(svg, "packages"));
        assertEquals(1, count(svg, "\"sun/nio/ch/\""), "stored once");
        assertTrue(svg.contains("\"short\":true"));
    }

    @Test
    void mixedFramesCarryTheirCountsPerCategory() throws Exception {
        String svg = Svg.write(sample(), OPTIONS);
        assertEquals(List.of(50L, 25L, 0L), Svg.frame(svg, "Foo.baz").counts());
        assertEquals(List.of(200L, 25L, 0L), Svg.frame(svg, "java/lang/Thread.run").counts());
        assertEquals(List.of(0L, 75L, 0L), Svg.frame(svg, "Work.run").counts());
        assertEquals(List.of(150L, 0L, 0L), Svg.frame(svg, "Foo.bar").counts());
    }

    @Test
    void hostileNamesStayData() throws Exception {
        List<String> hostile = List.of("</script><script>alert(1)</script>", "]]><svg onload=alert(1)>",
                "\"quotes\" & <amp>", "日本語.メソッド \uD83D\uDE00", "line\u2028sep\u2029x", "back\\slash'",
                "<!--@header-->", "/*@frames*/", "ctl\u0001\u007f", "lone\uD800surrogate");
        FlameTree tree = new FlameTree(CATEGORIES);
        for (String name : hostile) {
            tree.add(List.of(name, name + "!"), 0, 10);
        }
        String title = "<title>\"t\" & ]]> </script>";
        String svg = Svg.write(tree, new SvgOptions(title, "x'y\u2028", 1200, 0.1));

        for (int i = 0; i < svg.length(); i++) {
            assertTrue(svg.charAt(i) < 0x80, "output is ASCII at " + i);
        }
        assertEquals(1, count(svg, "]]>"), "only the template's own CDATA end");
        assertEquals(1, count(svg, "</script"), "only the template's own script end");
        Document doc = Svg.parse(svg);
        assertEquals(title, text(doc, "title"));
        List<String> expected = new ArrayList<>(List.of("all"));
        hostile.stream().sorted().map(n -> n.replace("\u0001", "\\u0001").replace("\u007f", "\\u007f")) // shown, see Escape
                .forEach(n -> expected.addAll(List.of(n, n + "!")));
        assertEquals(expected, Svg.names(svg));
    }

    @Test
    void templateIsAValidSvgOnItsOwn() throws Exception {
        String template;
        try (InputStream in = SvgFlameGraph.class.getResourceAsStream("flamegraph.svg")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Svg.parse(template);
        assertEquals(7, SvgFlameGraph.split(template).size());
    }

    @Test
    void theTemplatesNotesStayInTheTemplate() throws Exception {
        for (FlameTree tree : List.of(sample(), new FlameTree(CATEGORIES))) {
            String svg = Svg.write(tree, OPTIONS);
            assertFalse(svg.contains("<!--"), "no comment about the template: " + svg.substring(0, 300));
            assertFalse(svg.contains("SvgFlameGraph") || svg.contains("@"), "nor a word of its filling");
        }
    }

    @Test
    void tenThousandDistinctFramesStaySmall() throws Exception {
        FlameTree tree = new FlameTree(CATEGORIES);
        for (int i = 0; i < 10_000; i++) {
            tree.add(List.of("[main tid=1]", "com/acme/service/Handler" + (i % 100) + ".handle",
                    "com/acme/repository/Dao.query" + i), i % 3, 100 + i % 7);
        }
        String svg = Svg.write(tree, OPTIONS);
        Svg.parse(svg);
        assertEquals(10_102, Svg.names(svg).size());
        System.out.printf(Locale.ROOT, "10k distinct frames: %,d bytes%n", svg.length());
        // 522,840 bytes before frames became tokens and packages were stored once; 305,886 after.
        assertTrue(svg.length() < 400_000, "size " + svg.length());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Text of the element with this id attribute (the parser has no DTD to know ids). */
    static String text(Document doc, String id) {
        var all = doc.getElementsByTagNameNS(Svg.SVG_NS, "*");
        for (int i = 0; i < all.getLength(); i++) {
            var e = (org.w3c.dom.Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    private static String golden() throws IOException {
        try (InputStream in = SvgFlameGraphTest.class.getResourceAsStream(GOLDEN)) {
            if (in == null) {
                throw new AssertionError("missing golden " + GOLDEN + "; run with -Djspy.updateGolden=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
