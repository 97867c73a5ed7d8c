package jspy.flamegraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame names of one graph, each stored once in first-use order, written with their package
 * factored out: {@code 3,"NioSocketImpl.read"} where package 3 is {@code "sun/nio/ch/"}. The part
 * after the package is also the frame's short name, so the script needs no rule of its own.
 */
public final class Names {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Map<String, Integer> packages = new LinkedHashMap<>();

    int index(String name) {
        Integer i = index.get(name);
        if (i == null) {
            i = order.size();
            index.put(name, i);
            order.add(name);
        }
        return i;
    }

    /** The names table: per name, an optional package index, then the rest as a string. */
    void write(Appendable out) throws IOException {
        int i = 0;
        for (String name : order) {
            int end = packageEnd(name);
            if (end > 0) {
                out.append(Integer.toString(packages.computeIfAbsent(name.substring(0, end), p -> packages.size())))
                        .append(',');
            }
            Escape.json(end > 0 ? name.substring(end) : name, out);
            out.append(++i % 8 == 0 ? ",\n" : ",");
        }
    }

    /** The packages table; valid after {@link #write}. */
    void writePackages(Appendable out) throws IOException {
        for (String p : packages.keySet()) {
            Escape.json(p, out);
            out.append(',');
        }
    }

    /**
     * The short name of a frame, as the SVG's "Short names" shows it and top's {@code n} key:
     * {@code NioSocketImpl.read} for {@code sun/nio/ch/NioSocketImpl.read} or
     * {@code sun.nio.ch.NioSocketImpl.read}; other frames unchanged.
     */
    public static String shortName(String name) {
        return name.substring(packageEnd(name));
    }

    /**
     * Length of the package prefix of a Java frame, {@code sun/nio/ch/} or {@code java.lang.}; 0 when
     * there is none. Packages are lower-case segments by convention; the rest must hold the class
     * and the method, so a thread frame, a native symbol or a library path keeps its whole name,
     * and a hidden class's {@code LambdaForm$DMH/0x…} suffix stays in the short name.
     */
    static int packageEnd(String name) {
        int end = 0;
        char separator = 0;
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_')) {
                break;
            }
            int j = i + 1;
            while (j < name.length() && isPart(name.charAt(j))) {
                j++;
            }
            if (j >= name.length() || name.charAt(j) != '/' && name.charAt(j) != '.'
                    || separator != 0 && name.charAt(j) != separator) {
                break;
            }
            separator = name.charAt(j);
            end = j + 1;
            i = end;
        }
        if (end == 0 || end >= name.length() || name.indexOf('.', end) < 0) {
            return 0;
        }
        // "libjvm.so": a dotted prefix counts only before a class name, which starts upper-case.
        return separator == '.' && !Character.isUpperCase(name.charAt(end)) ? 0 : end;
    }

    private static boolean isPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
