package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The boolean -XX flags a running JVM was given, read the way the VM reads them: first
 * JAVA_TOOL_OPTIONS, then what the java launcher passes (JDK_JAVA_OPTIONS, then its command line,
 * both with @argfiles expanded), then _JAVA_OPTIONS; the last mention wins. A flag found only in
 * an argfile or an environment variable once let jspy signal a JVM that could not take it (issue 11).
 */
final class VmFlags {
    /** Options of the java launcher whose value is the next argument. */
    private static final Set<String> TAKES_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens",
            "--patch-module", "--enable-native-access", "--source");
    /** An argfile larger than this is not an argfile anyone wrote by hand; do not let it stall us. */
    private static final long MAX_ARGFILE = 1 << 20;

    private final Map<String, Boolean> flags = new HashMap<>();

    private VmFlags() {
    }

    static VmFlags of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<String, String> env = environ(proc);
        List<String> argv = split(read(proc.resolve("cmdline")), '\0');
        VmFlags f = new VmFlags();
        f.apply(tokens(env.get("JAVA_TOOL_OPTIONS")));
        if (!argv.isEmpty() && isJavaLauncher(argv.get(0))) {
            f.apply(expand(proc, tokens(env.get("JDK_JAVA_OPTIONS")), false));
            f.apply(expand(proc, argv.subList(1, argv.size()), true));
        }
        f.apply(tokens(env.get("_JAVA_OPTIONS")));
        return f;
    }

    /** For tests: flags from option lists, as the VM would apply them in this order. */
    static VmFlags parse(List<String> options) {
        VmFlags f = new VmFlags();
        f.apply(options);
        return f;
    }

    /** True if the flag was set with -XX:+Name (or -Xrs for ReduceSignalUsage) and not unset later. */
    boolean on(String name) {
        return Boolean.TRUE.equals(flags.get(name));
    }

    /** True if the flag was explicitly unset with -XX:-Name. */
    boolean off(String name) {
        return Boolean.FALSE.equals(flags.get(name));
    }

    private void apply(List<String> options) {
        for (String o : options) {
            if (o.equals("-Xrs")) {
                flags.put("ReduceSignalUsage", true);
            } else if (o.startsWith("-XX:+") || o.startsWith("-XX:-")) {
                flags.put(o.substring(5), o.charAt(4) == '+');
            }
        }
    }

    /** A JNI host's command line holds no JVM options; only the java launcher's does. */
    private static boolean isJavaLauncher(String argv0) {
        String name = argv0.substring(argv0.lastIndexOf('/') + 1);
        return name.equals("java") || name.equals("javaw");
    }

    /**
     * The launcher's arguments up to the main class, @argfiles expanded in place (JDK 9+; an
     * argfile does not nest). Stops at the main class, -jar or -m: what follows is the program's.
     */
    static List<String> expand(Path proc, List<String> args, boolean stopAtMain) {
        List<String> out = new ArrayList<>();
        boolean files = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (files && a.startsWith("@") && !a.startsWith("@@")) {
                out.addAll(argfile(proc, a.substring(1)));
                continue;
            }
            files &= !a.equals("--disable-@files");
            out.add(a.startsWith("@@") ? a.substring(1) : a);
            if (TAKES_VALUE.contains(a) && i + 1 < args.size()) {
                out.add(args.get(++i));
            } else if (stopAtMain && (!a.startsWith("-") || a.equals("-jar") || a.equals("-m") || a.equals("--module"))) {
                break;
            }
        }
        return out;
    }

    /** An argfile as the target named it: relative to its working directory, or inside its root. */
    private static List<String> argfile(Path proc, String name) {
        Path file = name.startsWith("/") ? proc.resolve("root").resolve(name.substring(1)) : proc.resolve("cwd").resolve(name);
        try {
            // a FIFO or a device would block us; a regular file is what the launcher read
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_ARGFILE) {
                return List.of();
            }
            return tokens(Files.readString(file, StandardCharsets.ISO_8859_1).replaceAll("(?m)^\\s*#.*$", ""));
        } catch (IOException e) {
            return List.of(); // gone since the launcher read it
        }
    }

    /** Whitespace-separated options; quotes group, as the launcher and the VM parse them. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static Map<String, String> environ(Path proc) {
        Map<String, String> env = new HashMap<>();
        for (String kv : split(read(proc.resolve("environ")), '\0')) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }

    private static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(String.valueOf(sep))) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
