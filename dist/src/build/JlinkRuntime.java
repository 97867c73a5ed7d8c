import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;

/**
 * Links the release tarball's runtime with the modules jspy.jar needs, derived from the jar at
 * build time so that the list cannot drift from the code: jlink.modules was a hand-kept list, and
 * 'jspy serve' from the tarball died with NoClassDefFoundError com/sun/net/httpserver/HttpHandler
 * (jdk.httpserver missing; --push needed java.net.http too).
 *
 * <p>The list is jdeps' answer on jspy.jar minus the classes in {@link #NEVER_LOADED}: jdeps on
 * the whole jar named java.desktop, java.management and java.sql (which pulls java.xml): a runtime
 * of 50.4 MB instead of 35.5 MB (JDK 17, unpacked) for optional paths of Jackson and JLine that
 * jspy never takes. Each pattern is checked
 * against the jar: one that matches nothing (stale after an upgrade) or matches a class of jspy's
 * own fails the build, so jspy's own classes always get every module they name. Plus
 * {@link #PROVIDERS}, which no class names. The linked runtime is then asked for its modules, and
 * the build fails if one of those found is missing.
 *
 * <p>usage: java JlinkRuntime.java JAR OUTPUT_DIR [jlink option...]
 */
public final class JlinkRuntime {
    /** Classes of the shaded jar that never run in jspy (regex on the class name), and why. */
    static final Map<String, String> NEVER_LOADED = new LinkedHashMap<>();

    static {
        NEVER_LOADED.put("com\\.fasterxml\\.jackson\\.databind\\.ext\\..*", "Jackson's handlers for "
                + "java.beans, java.sql and javax.xml types, loaded by class name only when such a type "
                + "is (de)serialized (java.desktop, java.sql, java.xml)");
        NEVER_LOADED.put("com\\.fasterxml\\.jackson\\.databind\\.ser\\.std\\.Sql.*", "Jackson's "
                + "serializers of java.sql.Date/Time: jspy writes no java.sql type (java.sql)");
        NEVER_LOADED.put("com\\.fasterxml\\.jackson\\.databind\\.deser\\.std\\.DateDeserializers\\$"
                + "(SqlDate|Timestamp)Deserializer", "Jackson's java.sql.Date/Timestamp readers: jspy "
                + "reads no java.sql type (java.sql)");
        NEVER_LOADED.put("org\\.jline\\.builtins\\..*", "JLine's shell commands, ssh and telnet servers "
                + "(java.management): jspy top uses JLine's terminal and display only");
        NEVER_LOADED.put("org\\.jline\\.console\\..*", "JLine's console (java.awt, java.desktop): unused");
    }

    /** Modules no class of the jar names, which jspy needs all the same: service providers. */
    static final Map<String, String> PROVIDERS = Map.of("jdk.crypto.ec", "the SunEC provider (JDK 17-21; "
            + "java.base from JDK 22): 'serve --push https://...' to a server with an EC certificate or "
            + "offering only ECDHE failed the TLS handshake without it");

    private JlinkRuntime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: java JlinkRuntime.java JAR OUTPUT_DIR [jlink option...]");
        }
        Path jar = Path.of(args[0]);
        Path output = Path.of(args[1]);
        checkPatterns(classesIn(jar));
        Set<String> modules = new TreeSet<>(moduleDeps(jar));
        for (String provider : PROVIDERS.keySet()) {
            // From JDK 22 the module is an empty shell (SunEC moved into java.base): skip it there.
            if (ModuleFinder.ofSystem().find(provider).filter(m -> !m.descriptor().packages().isEmpty())
                    .isPresent()) {
                modules.add(provider);
            }
        }
        List<String> jlink = new ArrayList<>(List.of("--add-modules", String.join(",", modules)));
        jlink.addAll(Arrays.asList(args).subList(2, args.length));
        jlink.addAll(List.of("--output", output.toString()));
        run("jlink", jlink);
        Set<String> linked = linkedModules(output);
        if (!linked.containsAll(modules)) {
            modules.removeAll(linked);
            throw new IllegalStateException("the linked runtime " + output + " lacks " + modules);
        }
        System.out.println("jlink: runtime with " + String.join(",", modules) + " (linked: " + linked + ")");
    }

    /** Every class in the jar, by name, versioned entries (META-INF/versions/N/) included. */
    static Set<String> classesIn(Path jar) throws IOException {
        Set<String> classes = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .map(n -> n.replaceFirst("^META-INF/versions/\\d+/", ""))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        return classes;
    }

    /** Each pattern must match some class of the jar, and none of jspy's own. */
    static void checkPatterns(Set<String> classes) {
        for (Map.Entry<String, String> e : NEVER_LOADED.entrySet()) {
            Pattern p = Pattern.compile(e.getKey());
            List<String> matched = classes.stream().filter(c -> p.matcher(c).matches()).toList();
            if (matched.isEmpty()) {
                throw new IllegalStateException("JlinkRuntime.NEVER_LOADED: " + e.getKey() + " matches no class of "
                        + "jspy.jar any more: remove it (or fix it after a dependency upgrade)");
            }
            List<String> own = matched.stream().filter(c -> c.startsWith("jspy.")).toList();
            if (!own.isEmpty()) {
                throw new IllegalStateException("JlinkRuntime.NEVER_LOADED: " + e.getKey() + " matches jspy's own "
                        + own + ": jspy's classes get every module they use");
            }
        }
    }

    /** jdeps' modules for every class but the never-loaded ones, for this JDK's release of multi-release classes. */
    static List<String> moduleDeps(Path jar) {
        String skip = "^(?!(" + String.join("|", NEVER_LOADED.keySet()) + ")$).*";
        String out = run("jdeps", List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release",
                Integer.toString(Runtime.version().feature()), "-include", skip, jar.toString()));
        List<String> modules = Arrays.stream(out.strip().split(",")).map(String::strip).toList();
        if (modules.isEmpty() || !modules.stream().allMatch(m -> m.matches("[a-z][a-z0-9.]*"))) {
            throw new IllegalStateException("jdeps --print-module-deps answered: " + out);
        }
        return modules;
    }

    /** The MODULES line of the runtime's release file. */
    private static Set<String> linkedModules(Path runtime) throws IOException {
        for (String line : Files.readAllLines(runtime.resolve("release"))) {
            if (line.startsWith("MODULES=")) {
                return new TreeSet<>(Arrays.asList(line.substring("MODULES=".length()).replace("\"", "").split(" ")));
            }
        }
        throw new IllegalStateException(runtime + "/release has no MODULES line");
    }

    private static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() ->
                new IllegalStateException(tool + " not found: build with a full JDK, not a JRE"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException(tool + " " + args + " exited " + code + ":\n" + out + err);
        }
        return out.toString();
    }
}
