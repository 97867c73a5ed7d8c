package jspy.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Not a user command: the run {@code mvn package} records (with {@code -XX:DumpLoadedClassList})
 * to build jspy's class-data-sharing archive, {@code jspy.jsa} next to the jar, which the
 * {@code ./jspy} launcher maps. It runs, in-process, the commands whose start-up users wait for:
 * {@code --version}, {@code flamegraph} on a small file, and {@code dump} of a throwaway JVM.
 *
 * <p>It also writes {@code jspy.jsa.java}: the real paths of the java that runs it (the same one
 * that then dumps the archive) and of the jar. Only that JVM can map the archive, and only for a
 * jar at that path (elsewhere the JVM silently shares nothing at all); the launcher checks both.
 *
 * <p>Usage: {@code CdsTraining DIR [TARGET_JAVA]} (writes scratch files there; the throwaway target
 * runs on TARGET_JAVA, default this JVM's java), or {@code CdsTraining --idle}, the throwaway
 * target, which waits to be dumped. The release tarball's runtime passes a full JDK's java: its
 * own jlinked runtime lacks java.instrument, so it cannot be a target itself.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--idle")) {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60)); // killed long before
            return;
        }
        Path dir = Path.of(args[0]);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        Path jar = Path.of(System.getProperty("java.class.path")).toRealPath();
        Files.writeString(dir.resolve("jspy.jsa.java"), "java=" + java + "\njar=" + jar);
        Path folded = dir.resolve("cds-training.folded");
        Files.writeString(folded, "[main tid=1];java/lang/Thread.run;com/acme/Work.run 10\n"
                + "[w tid=2];java/lang/Thread.run;java/io/FileInputStream.readBytes 5\n");
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        int[] codes;
        try {
            codes = new int[] {Main.run("--version"),
                Main.run("flamegraph", folded.toString(), "-o", dir.resolve("cds-training.svg").toString()),
                dumpAThrowawayJvm(args.length > 1 ? Path.of(args[1]) : java)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        // A failed step only leaves its classes out of the archive; say so, do not fail the build.
        System.out.println("jspy CDS training: exit codes --version " + codes[0] + ", flamegraph " + codes[1]
                + ", dump " + codes[2] + (codes[2] != 0 ? " (attach not possible here: dump classes not archived)" : ""));
    }

    private static int dumpAThrowawayJvm(Path java) throws IOException, InterruptedException {
        String classpath = System.getProperty("java.class.path");
        Process target = new ProcessBuilder(java.toString(), "-Xshare:auto", "-cp", classpath,
                CdsTraining.class.getName(), "--idle").redirectErrorStream(true).start();
        try {
            byte[] ready = target.getInputStream().readNBytes(6);
            if (!new String(ready, StandardCharsets.UTF_8).equals("ready\n")) {
                return -1;
            }
            return Main.run("dump", "-p", Long.toString(target.pid()));
        } finally {
            target.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
