package jspy.cli.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the safety tests need from the machine: root, a second real user, and the small C programs
 * in src/test/resources/safety compiled with gcc. A missing piece fails the test with a line that
 * says what to install; it never skips (CI runs as root).
 */
public final class SafetyFixtures {
    public static final String USER = "jspytest";

    private SafetyFixtures() {
    }

    public static void requireRoot(String why) {
        if (PrivateDir.currentUid() != 0) {
            throw new AssertionError("this test must run as root (" + why + "); CI runs as root");
        }
    }

    /** The test user's uid and gid, created (no home, no shell) if missing. */
    public static int[] testUser() throws Exception {
        requireRoot("it creates the user " + USER);
        if (run("id", "-u", USER).isEmpty()) {
            run("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", USER);
        }
        String uid = run("id", "-u", USER);
        if (uid.isEmpty()) {
            throw new AssertionError("cannot create the test user " + USER + " with useradd");
        }
        return new int[] {Integer.parseInt(uid), Integer.parseInt(run("id", "-g", USER))};
    }

    /** The command run as the test user (runuser keeps the environment). */
    public static List<String> asTestUser(List<String> command) {
        List<String> out = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        out.addAll(command);
        return out;
    }

    /** safety/NAME.c compiled into dir (readable and runnable by every user). */
    public static Path compile(String name, Path dir) throws Exception {
        Path source = dir.resolve(name + ".c");
        try (InputStream in = SafetyFixtures.class.getResourceAsStream("/safety/" + name + ".c")) {
            if (in == null) {
                throw new AssertionError("test resource safety/" + name + ".c missing");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path binary = dir.resolve(name);
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString(), "-ldl")
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed for " + name + ".c (install gcc): " + out);
        }
        return binary;
    }

    /** A directory every user may enter and write, for targets run as the test user. */
    public static Path openDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        run("chmod", "1777", dir.toString());
        return dir;
    }

    /** Runs a command and returns its trimmed stdout ("" on failure). */
    public static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return p.waitFor() == 0 ? out : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
