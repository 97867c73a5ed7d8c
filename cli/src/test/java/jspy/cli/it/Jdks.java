package jspy.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The JDKs integration tests run targets on, found by probing $JSPY_TEST_JDKS (colon-separated
 * homes, first) and /usr/lib/jvm. Both 17 and 25 are required: a missing one fails loudly. JDK 11
 * ({@link #OLDEST}) is not installed system-wide: ./test unpacks Debian's into a cache and lists
 * it in JSPY_TEST_JDKS; a test that runs a target on it asks {@link #oldest()}.
 */
final class Jdks {
    static final List<Integer> REQUIRED = List.of(17, 25);
    /**
     * The oldest target JDK the tests cover. Not in REQUIRED: every parameterized scenario on a
     * third JDK would add half again to the suite's time; the tests that need it ask for it.
     */
    static final int OLDEST = 11;
    private static Map<Integer, Path> found;

    private Jdks() {
    }

    static synchronized Map<Integer, Path> all() {
        if (found == null) {
            found = new TreeMap<>();
            for (Path home : candidates()) {
                Integer feature = feature(home);
                if (feature != null && Files.isExecutable(home.resolve("bin/java"))) {
                    found.putIfAbsent(feature, home);
                }
            }
        }
        return found;
    }

    /** The java binary of a JDK, or an AssertionError that says how to get it. */
    static Path java(int feature) {
        Path home = all().get(feature);
        if (home == null) {
            String how = feature == OLDEST
                    ? "run the tests through ./test, which unpacks Debian's JDK " + OLDEST + " into a cache and lists "
                    + "it in JSPY_TEST_JDKS" : "install it, or list JDK homes in JSPY_TEST_JDKS";
            throw new AssertionError("JDK " + feature + " not found in JSPY_TEST_JDKS or under /usr/lib/jvm (found "
                    + all() + "); " + how);
        }
        return home.resolve("bin/java");
    }

    /** {@link #OLDEST}, for TargetApp.start; fails loudly when it is absent. */
    static int oldest() {
        java(OLDEST);
        return OLDEST;
    }

    static List<Integer> required() {
        return REQUIRED;
    }

    /** Each case on each required JDK, JDK first: the arguments of a parameterized test. */
    static Stream<org.junit.jupiter.params.provider.Arguments> onEachJdk(List<?> cases) {
        return required().stream().flatMap(jdk -> cases.stream().map(c -> org.junit.jupiter.params.provider.Arguments.of(jdk, c)));
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        String env = System.getenv("JSPY_TEST_JDKS");
        if (env != null && !env.isBlank()) {
            for (String h : env.split(":")) {
                homes.add(Path.of(h));
            }
        }
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            dirs.filter(p -> !Files.isSymbolicLink(p)).sorted().forEach(homes::add);
        } catch (IOException e) {
            // no /usr/lib/jvm: java(feature) reports what is missing
        }
        return homes;
    }

    /** JAVA_VERSION="17.0.15" in the JDK's release file -> 17. */
    private static Integer feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String first = v.startsWith("1.") ? v.substring(2) : v;
                    return Integer.parseInt(first.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not a JDK
        }
        return null;
    }
}
