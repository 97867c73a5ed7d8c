package jspy.cli.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * Builds a {@link Dump} from what the agent wrote: its tab-separated platform thread records
 * (format in jspy.agent.ThreadDump) and, on JDK 21+, the JDK's JSON thread dump, from which only
 * the virtual threads are taken (the platform ones come from one consistent safepoint instead);
 * and the OS thread ids from the JVM's Thread.print ({@link OsThreadIds}), matched by Java id.
 */
public final class DumpReader {
    private DumpReader() {
    }

    /** threadPrint: {@code jcmd Thread.print}'s answer, or null when the JVM gave none. */
    public static Dump read(long pid, String threads, String virtualJson, String threadPrint) {
        Records r = new Records();
        for (String line : threads.split("\n")) {
            r.add(line.split("\t", -1));
        }
        r.flush();
        List<DumpedThread> out = r.threads;
        out.removeIf(t -> t.id() == r.self);
        withOsTids(out, threadPrint, r.notes);
        if (r.olderAgent) {
            // its classes stay loaded in the JVM, and a later agent jar runs them
            r.notes.add("no CPU times: this JVM runs the agent of an older jspy, which it loaded first");
        }
        if (virtualJson != null) {
            Set<Long> platform = new HashSet<>();
            out.forEach(t -> platform.add(t.id()));
            platform.add(r.self);
            out.addAll(virtualThreads(virtualJson, platform));
        }
        out.sort(Comparator.comparing(DumpedThread::virtual).thenComparingLong(DumpedThread::id));
        return new Dump(pid, r.mainClass, r.javaVersion, List.copyOf(out), List.copyOf(r.notes));
    }

    /** The agent's records, read one by one (format in jspy.agent.ThreadDump). */
    private static final class Records {
        String javaVersion = "";
        String mainClass = "";
        long self = -1;
        boolean olderAgent;
        final List<String> notes = new ArrayList<>();
        final List<DumpedThread> threads = new ArrayList<>();
        Pending current;

        void add(String[] f) {
            switch (f[0]) {
                case "vm" -> {
                    javaVersion = unescape(f[1]);
                    mainClass = jspy.cli.profile.TargetInfo.mainClassOf(unescape(f[2]).trim());
                }
                case "self" -> self = Long.parseLong(f[1]);
                case "note" -> notes.add(unescape(f[1]));
                case "thread" -> {
                    flush();
                    long owner = Long.parseLong(f[5]);
                    current = new Pending(Long.parseLong(f[1]), unescape(f[3]), f[2], false,
                            emptyToNull(unescape(f[4])), owner, owner < 0 ? null : unescape(f[6]));
                    current.cpuNanos = f.length > 7 ? Long.parseLong(f[7]) : -1;
                    olderAgent |= f.length <= 7;
                }
                case "frame" -> {
                    if (current != null) {
                        current.frames.add(new StackFrame(unescape(f[1]), unescape(f[2]), emptyToNull(unescape(f[3])),
                                Integer.parseInt(f[4])));
                    }
                }
                default -> {
                    // blank line, or a record a newer agent writes: skip
                }
            }
        }

        void flush() {
            if (current != null) {
                threads.add(current.build());
                current = null;
            }
        }
    }

    private static void withOsTids(List<DumpedThread> platform, String threadPrint, List<String> notes) {
        Map<Long, Long> tids = threadPrint == null ? Map.of() : OsThreadIds.parse(threadPrint);
        if (tids.isEmpty() && !platform.isEmpty()) {
            notes.add("no OS thread ids: the JVM's Thread.print " + (threadPrint == null ? "did not answer"
                    : "names none"));
        }
        platform.replaceAll(t -> t.withOsTid(tids.getOrDefault(t.id(), -1L)));
    }

    /**
     * JDK 25 marks virtual threads ("virtual": true) and gives their state; JDK 21-24 do neither,
     * so there a thread the platform dump does not know is virtual, and its state unknown. A
     * document marks either every virtual thread or none: one marker, or JDK 25+, makes the
     * marker decide, so a platform thread started between the two dumps stays out.
     */
    static List<DumpedThread> virtualThreads(String json, Set<Long> platform) {
        Map<String, Object> root;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            root = object(value(p));
        } catch (IOException e) {
            throw new JspyException(ExitCode.ERROR, "the JVM's JSON thread dump is unreadable: " + e.getMessage(),
                    "run with --verbose and report it", e);
        }
        Map<String, Object> dump = object(root.get("threadDump"));
        List<Map<String, Object>> threads = new ArrayList<>();
        for (Object container : list(dump.get("threadContainers"))) {
            for (Object item : list(object(container).get("threads"))) {
                threads.add(object(item));
            }
        }
        boolean marked = threads.stream().anyMatch(t -> t.containsKey("virtual"))
                || feature(String.valueOf(dump.get("runtimeVersion"))) >= 25;
        List<DumpedThread> out = new ArrayList<>();
        for (Map<String, Object> t : threads) {
            long id = parseLong(t.get("tid"));
            String name = t.get("name") instanceof String n ? n : "";
            boolean virtual = marked ? "true".equals(t.get("virtual")) : !platform.contains(id);
            // jspy-agent: a recording session's thread, kept out of every view
            if (!virtual || platform.contains(id) || name.startsWith("jspy-agent")) {
                continue;
            }
            Object lock = t.get("blockedOn");
            if (lock == null) {
                lock = t.get("waitingOn");
            }
            if (lock == null) {
                lock = object(t.get("parkBlocker")).get("object");
            }
            Pending pending = new Pending(id, name, (String) t.get("state"), true, (String) lock, -1, null);
            for (Object frame : list(t.get("stack"))) {
                pending.frames.add(StackFrame.parse(String.valueOf(frame)));
            }
            out.add(pending.build());
        }
        return out;
    }

    /**
     * A JSON value as Map, List or String (numbers and booleans as their text, null as null).
     * Streaming jackson-core rather than databind: a one-shot command should not pay for
     * loading ObjectMapper.
     */
    private static Object value(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> map = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                map.put(field, value(p));
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(p));
            }
            return items;
        }
        return token == JsonToken.VALUE_NULL ? null : p.getText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** "25.0.3+9-LTS" -> 25; 0 when absent or odd. */
    private static int feature(String runtimeVersion) {
        try {
            return Integer.parseInt(runtimeVersion.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long parseLong(Object value) {
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A thread whose frames are still being read. */
    private static final class Pending {
        final long id;
        final String name;
        final String state;
        final boolean virtual;
        final String lock;
        final long owner;
        final String ownerName;
        final List<StackFrame> frames = new ArrayList<>();
        long cpuNanos = -1;

        Pending(long id, String name, String state, boolean virtual, String lock, long owner, String ownerName) {
            this.id = id;
            this.name = name;
            this.state = state;
            this.virtual = virtual;
            this.lock = lock;
            this.owner = owner;
            this.ownerName = ownerName;
        }

        DumpedThread build() {
            return new DumpedThread(id, name, state, virtual, DumpBuckets.classify(name, id, state, frames), lock,
                    owner, ownerName, List.copyOf(frames), -1, cpuNanos);
        }
    }
}
