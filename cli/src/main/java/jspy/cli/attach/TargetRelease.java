package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The target's Java feature version before attaching, from the {@code release} file of the JDK
 * whose libjvm.so it has mapped: no round trip to the JVM.
 */
final class TargetRelease {
    private TargetRelease() {
    }

    /** 17, 21, 25...; 0 when it cannot be told (then callers assume the newest behaviour). */
    static int feature(TargetJvm target) {
        try {
            // The maps inspect read: reading them again cost ~5 ms of every dump (JDK 17, 2026-11-30).
            String libjvm = target.libjvm();
            return libjvm == null ? 0 : feature(target, Path.of(libjvm));
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or an unusual layout: unknown
        }
    }

    private static int feature(TargetJvm target, Path libjvm) throws IOException {
        Path root = target.sharesOurFilesystem() ? Path.of("/") : target.root();
        // <home>/lib/server/libjvm.so (9+) or <home>/jre/lib/amd64/server/libjvm.so (8)
        for (Path dir = libjvm.getParent(); dir != null; dir = dir.getParent()) {
            Path release = root.resolve(Path.of("/").relativize(dir)).resolve("release");
            if (Files.isRegularFile(release)) {
                return parse(Files.readString(release, StandardCharsets.ISO_8859_1));
            }
        }
        return 0;
    }

    /** JAVA_VERSION="17.0.15" -> 17, "1.8.0_402" -> 8. */
    static int parse(String release) {
        for (String line : release.split("\n")) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                String first = v.startsWith("1.") ? v.substring(2) : v;
                try {
                    return Integer.parseInt(first.split("[._+-]")[0]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
