package jspy.cli.attach;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * The files jspy carries inside its jar: jattach, async-profiler's library and the agent jar.
 * They are written to content-addressed paths so that every session of the same jspy build loads
 * the very same library file: a second copy of libasyncProfiler.so in one JVM would mean two
 * profilers fighting over the same signals.
 */
public final class Embedded {
    private static final String BASE = "/jspy/embedded/";

    private Embedded() {
    }

    /** Where the target finds the library and the agent, as the target and as we name them. */
    record Installed(Path hostDir, String targetDir) {
        Path host(String name) {
            return hostDir.resolve(name);
        }

        String target(String name) {
            return targetDir + "/" + name;
        }
    }

    static String platform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux")) {
            throw new JspyException(ExitCode.ERROR, "attaching is supported on Linux only (this is " + os + ")",
                    "run jspy on the Linux host of the JVM");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> throw new JspyException(ExitCode.ERROR, "no async-profiler build for " + arch,
                    "jspy ships linux-x64 and linux-arm64");
        };
    }

    /** jattach, in a private directory of the user running jspy. */
    static Path jattach() {
        int uid = PrivateDir.currentUid();
        String resource = BASE + "libs/jattach-4.2-" + platform();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = install(tmp, uid, PrivateDir.currentGid(), hash(resource), Map.of("jattach", new String[] {resource, "r-x------"}));
        return dir.resolve("jattach");
    }

    /**
     * The library and agent jar in a private directory of the target's user, inside its
     * filesystem. A target in another mount namespace (a container, or only a private /tmp) gets
     * them in its own /tmp, reached through /proc/PID/root without following a link out of it.
     */
    static Installed install(TargetJvm target) {
        return install(target.sharesOurFilesystem() ? Path.of("/") : target.root(), target.uid(), target.gid());
    }

    /** The library and agent jar for JVMs we launch ourselves, as ourselves. */
    static Installed installLocal() {
        return install(Path.of("/"), PrivateDir.currentUid(), PrivateDir.currentGid());
    }

    private static Installed install(Path hostRoot, int uid, int gid) {
        String lib = BASE + platform() + "/libasyncProfiler.so";
        String agent = BASE + "jspy-agent.jar";
        String hash = hash(lib, agent);
        Path dir = install(hostRoot.resolve("tmp"), uid, gid, hash, Map.of("libasyncProfiler.so",
                new String[] {lib, "r-x------"}, "jspy-agent.jar", new String[] {agent, "r--------"}));
        return new Installed(dir, "/tmp/jspy-" + uid + "/" + hash);
    }

    /** tmp/jspy-UID/HASH/{files}, and this user's stale sessions there cleaned up on the way. */
    private static Path install(Path tmp, int uid, int gid, String hash, Map<String, String[]> files) {
        try (SafeDir t = SafeDir.open(tmp); SafeDir base = PrivateDir.ensure(t, "jspy-" + uid, uid, gid)) {
            StaleSessions.clean(base);
            return PrivateDir.installAll(base, hash, files, uid, gid);
        } catch (IOException e) {
            throw PrivateDir.unsafe(tmp.resolve("jspy-" + uid), uid, gid, e);
        }
    }

    /**
     * Names the content of the resources. Inside the jar the zip entries' CRC-32 and sizes do
     * that without reading 600 KB on every start; from a classes directory (development) the
     * bytes are checksummed. No MessageDigest: initializing the security providers alone cost
     * ~25 ms of every attach (measured on 'jspy dump').
     */
    private static String hash(String... resources) {
        CRC32 crc = new CRC32();
        Adler32 adler = new Adler32();
        for (String r : resources) {
            String line = r + ":" + describe(r) + "\n";
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            crc.update(bytes);
            adler.update(bytes);
        }
        return HexFormat.of().toHexDigits(crc.getValue() << 32 | adler.getValue());
    }

    /** "CRC:size" of one resource. */
    private static String describe(String resource) {
        URL url = Embedded.class.getResource(resource);
        if (url == null) {
            throw new JspyException(ExitCode.ERROR, "this jspy build lacks " + resource, "rebuild with 'mvn package'");
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar && jar.getJarEntry().getCrc() >= 0) {
                return jar.getJarEntry().getCrc() + ":" + jar.getJarEntry().getSize();
            }
            CRC32 crc = new CRC32();
            long size = 0;
            byte[] buf = new byte[65536];
            try (InputStream in = connection.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; size += n) {
                    crc.update(buf, 0, n);
                }
            }
            return crc.getValue() + ":" + size;
        } catch (IOException e) {
            throw new JspyException(ExitCode.ERROR, "cannot read jspy's embedded files: " + e.getMessage(),
                    "rebuild with 'mvn package'", e);
        }
    }
}
