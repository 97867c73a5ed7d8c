package jspy.cli.dump;

/** One Java frame of a dumped stack. line: as in StackTraceElement (-2 native, negative unknown). */
public record StackFrame(String className, String method, String file, int line) {
    static final int NATIVE = -2;

    /** {@code java.lang.Thread.sleep(Thread.java:339)}, as jstack writes it minus the module. */
    public String display() {
        String where;
        if (line == NATIVE) {
            where = "Native Method";
        } else if (file == null || file.isEmpty()) {
            where = "Unknown Source";
        } else {
            where = line >= 0 ? file + ":" + line : file;
        }
        return className + "." + method + "(" + where + ")";
    }

    /** The form the bucket rules read: {@code java/lang/Thread.sleep}. */
    String ruleFrame() {
        return className.replace('.', '/') + "." + method;
    }

    /**
     * Parses StackTraceElement.toString(), the JDK's JSON thread dump frame format:
     * {@code [loader/][module[@version]/]class.method(File.java:12|Native Method|Unknown Source)}.
     */
    static StackFrame parse(String text) {
        int open = text.lastIndexOf('(');
        String location = open < 0 ? "" : text.substring(open + 1, text.endsWith(")") ? text.length() - 1 : text.length());
        String qualified = open < 0 ? text : text.substring(0, open);
        // Class names have no '/' except hidden classes' "/0x..." suffix (Foo$$Lambda/0x...).
        int slash = qualified.lastIndexOf('/');
        while (slash > 0 && qualified.startsWith("0x", slash + 1)) {
            slash = qualified.lastIndexOf('/', slash - 1);
        }
        String name = qualified.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String className = dot < 0 ? "" : name.substring(0, dot);
        String method = name.substring(dot + 1);
        if (location.equals("Native Method")) {
            return new StackFrame(className, method, null, NATIVE);
        }
        if (location.isEmpty() || location.equals("Unknown Source")) {
            return new StackFrame(className, method, null, -1);
        }
        int colon = location.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new StackFrame(className, method, location.substring(0, colon),
                        Integer.parseInt(location.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // a file name with a colon: keep it whole
            }
        }
        return new StackFrame(className, method, location, -1);
    }
}
