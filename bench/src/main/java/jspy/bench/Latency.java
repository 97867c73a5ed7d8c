package jspy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time of the short commands, interleaved round by round, against one running {@link Spin}
 * target (one busy thread, 20 idle) that has already been attached once, so the Attach Listener is
 * up for every figure alike.
 */
final class Latency {
    private final Env env;
    final Map<String, Stats> results = new LinkedHashMap<>();
    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private Proc target;
    private String pid;
    private final List<String> notes = new ArrayList<>();

    Latency(Env env) {
        this.env = env;
    }

    List<String> notes() {
        return notes;
    }

    void setUp() throws Exception {
        Path dir = env.work.resolve("latency");
        Files.createDirectories(dir);
        target = Proc.start(List.of(env.java.toString(), "-cp", env.benchClasspath, "jspy.bench.Spin", "1", "20", "0",
                "3600", dir.toString()), dir, "target");
        if (!Proc.awaitFile(dir.resolve("ready"), target.process, 60)) {
            throw new IllegalStateException("latency target did not start");
        }
        Files.writeString(dir.resolve("go"), "");
        pid = String.valueOf(target.pid());
        Proc.run(List.of(env.jcmd.toString(), pid, "VM.version"), dir, "warm", 60).check("jcmd");

        String jar = env.jspyJar.toString();
        // The launcher's own flags, so that only the archive differs.
        List<String> flags = Rendering.LAUNCHER_FLAGS;
        // The launcher maps the class-data-sharing archive 'mvn package' made (cli/pom.xml) and runs
        // short commands C1 only; the same command as plain 'java -jar' shows the gain. (A dynamic archive, -XX:ArchiveClassesAtExit,
        // gained ~20 ms only: JDK 17 skips picocli's Java 5 class files in it.)
        commands.put("jspy --version (./jspy launcher, CDS archive from mvn package)", env.jspyCommand("--version"));
        commands.put("jspy --version, plain java -jar (no archive, C2)", java(env.java, flags, "-jar", jar, "--version"));
        if (env.java25 != null) {
            commands.put("jspy --version, JDK 25, no cache", java(env.java25, flags, "-jar", jar, "--version"));
            Path aot = dir.resolve("jspy-25.aot");
            List<String> aotTrain = new ArrayList<>(List.of(env.java25.toString()));
            aotTrain.addAll(flags);
            aotTrain.addAll(List.of("-XX:AOTCacheOutput=" + aot, "-jar", jar, "--version"));
            Proc.Result a = Proc.run(aotTrain, dir, "aot-train", 180);
            if (a.exit() == 0 && Files.exists(aot)) {
                commands.put("jspy --version, JDK 25 + -XX:AOTCache",
                        java(env.java25, flags, "-XX:AOTCache=" + aot, "-jar", jar, "--version"));
            } else {
                notes.add("JDK 25 AOT cache not created: " + Proc.firstLine(a.stderr() + a.stdout()));
            }
        }
        commands.put("jcmd PID Thread.print", List.of(env.jcmd.toString(), pid, "Thread.print"));
        commands.put("jattach PID jcmd VM.version (round trip)",
                List.of(env.jattach.toString(), pid, "jcmd", "VM.version"));
        if (env.dumpBuilt) {
            commands.put("jspy dump -p PID", env.jspyCommand("dump", "-p", pid));
            commands.put("jspy dump -p PID, plain java -jar (no archive, C2)", java(env.java, flags, "-jar", jar, "dump", "-p", pid));
        }
    }

    private static List<String> java(Path java, List<String> flags, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of(args));
        return cmd;
    }

    void round(int r) throws Exception {
        Path dir = env.work.resolve("latency/round-" + r);
        for (Map.Entry<String, List<String>> e : commands.entrySet()) {
            Stats s = results.computeIfAbsent(e.getKey(), k -> new Stats());
            Proc.Result res = Proc.run(e.getValue(), dir, "cmd", 120);
            if (res.exit() == 0) {
                s.add(res.millis());
            } else {
                s.fail("exit " + res.exit() + ": " + Proc.firstLine(res.stderr() + res.stdout()));
            }
        }
        if (env.topBuilt) {
            Stats s = results.computeIfAbsent("jspy top: first screen", k -> new Stats());
            Proc top = Proc.start(List.of("script", "-qfec", String.join(" ", env.jspyCommand("top", "-p", pid)),
                    "/dev/null"), dir, "top");
            if (Proc.awaitText(top.out, "cpu", top.process, 60)) {
                s.add((System.nanoTime() - top.startedNanos) / 1e6);
            } else {
                s.fail("no screen: " + Proc.firstLine(top.stderr() + top.stdout()));
            }
            top.process.descendants().forEach(ProcessHandle::destroy);
            if (top.waitFor(15) < 0) {
                s.fail("jspy top did not quit on SIGTERM");
            }
        }
    }

    void tearDown() throws Exception {
        if (target != null) {
            target.kill();
        }
    }
}
