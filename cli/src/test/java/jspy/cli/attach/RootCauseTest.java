package jspy.cli.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The cause named for a refused root, decided from /proc text captured on Linux 6.18 (resources
 * rootcause/): root with all capabilities, without CAP_SYS_PTRACE (setpriv --bounding-set=-sys_ptrace),
 * with Docker's default set, root of a user namespace (unshare --user --map-root-user), and a
 * process of the test user as the host and that namespace see it.
 */
class RootCauseTest {
    @Test
    void rootWithoutSysPtraceIsToldSoWithTheDockerFlag() throws IOException {
        RootCause.Cause c = explain("root-no-sys-ptrace.status", "host.uid_map", "user.status", "host.uid_map");
        assertEquals("jspy runs as root without CAP_SYS_PTRACE, which attaching to another user's JVM needs", c.what());
        assertTrue(c.hint().contains("--cap-add=SYS_PTRACE") && c.hint().contains("uid 999"), c.hint());
        assertFalse(c.hint().contains("sudo"), c.hint());
    }

    @Test
    void dockersDefaultSetLacksOnlySysPtrace() throws IOException {
        RootCause.Cause c = explain("root-docker-default.status", "host.uid_map", "user.status", "host.uid_map");
        assertEquals("jspy runs as root without CAP_SYS_PTRACE, which attaching to another user's JVM needs", c.what());
    }

    @Test
    void everyMissingCapabilityIsNamed() throws IOException {
        String status = resource("root-all-caps.status").replace("CapEff:\t000001fffeffffff", "CapEff:\t0000000000000000");
        RootCause.Cause c = RootCause.explain(RootCause.Facts.parse(status, resource("host.uid_map"),
                resource("user.status"), resource("host.uid_map")));
        assertEquals("jspy runs as root without CAP_SYS_PTRACE and CAP_DAC_OVERRIDE and CAP_CHOWN and CAP_SETUID and "
                + "CAP_SETGID, which attaching to another user's JVM needs", c.what());
        assertTrue(c.hint().contains("--cap-add=SYS_PTRACE --cap-add=DAC_OVERRIDE --cap-add=CHOWN --cap-add=SETUID "
                + "--cap-add=SETGID"), c.hint());
    }

    @Test
    void rootWithAllCapabilitiesHasNoCapabilityToBlame() throws IOException {
        assertNull(explain("root-all-caps.status", "host.uid_map", "user.status", "host.uid_map"));
    }

    @Test
    void aRootOwnedTargetNeedsNoCapability() throws IOException {
        // the same uid passes ptrace_may_access and owns the directories: nothing to blame
        assertNull(explain("root-no-sys-ptrace.status", "host.uid_map", "root-all-caps.status", "host.uid_map"));
    }

    @Test
    void aUserIsNeverToldAboutCapabilities() throws IOException {
        assertNull(explain("user.status", "host.uid_map", "root-all-caps.status", "host.uid_map"));
    }

    @Test
    void rootOfAUserNamespaceIsToldItsCapabilitiesStopAtTheNamespace() throws IOException {
        // CapEff is complete in there (000001ffffffffff): only the uid_map tells
        RootCause.Cause c = explain("userns-root.status", "userns-root.uid_map", "user-seen-from-userns.status",
                "host-seen-from-userns.uid_map");
        assertEquals("jspy is root only inside a user namespace (uid_map 0 0 1) and the JVM is outside it, where that "
                + "root has no capabilities", c.what());
        assertTrue(c.hint().contains("as root on the host"), c.hint());
    }

    @Test
    void aTargetInTheSameUserNamespaceIsJudgedByCapabilities() throws IOException {
        assertNull(explain("userns-root.status", "userns-root.uid_map", "user-seen-from-userns.status",
                "userns-root.uid_map"));
        String noPtrace = resource("userns-root.status").replace("CapEff:\t000001ffffffffff", "CapEff:\t000001fffef7ffff");
        RootCause.Cause c = RootCause.explain(RootCause.Facts.parse(noPtrace, resource("userns-root.uid_map"),
                resource("user-seen-from-userns.status"), resource("userns-root.uid_map")));
        assertTrue(c.what().contains("without CAP_SYS_PTRACE"), c.what());
    }

    @Test
    void theHostIsNotAUserNamespaceEvenWhenItsTargetsMapIsUnknown() throws IOException {
        assertNull(explain("root-all-caps.status", "host.uid_map", "user.status", null));
    }

    private static RootCause.Cause explain(String self, String selfMap, String target, String targetMap)
            throws IOException {
        return RootCause.explain(RootCause.Facts.parse(resource(self), resource(selfMap), resource(target),
                targetMap == null ? null : resource(targetMap)));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RootCauseTest.class.getResourceAsStream("/rootcause/" + name)) {
            if (in == null) {
                throw new AssertionError("test resource rootcause/" + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
