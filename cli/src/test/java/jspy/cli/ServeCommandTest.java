package jspy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.UUID;
import jspy.cli.base.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * serve refuses, before it attaches to anything or binds, an address other hosts can reach
 * unless --token or --no-token says who may read it. (What it serves then: ServeProfileIT.) Each
 * case asks for a port this test holds and --include matching no JVM: were the refusal gone,
 * serve would fail to bind instead of serving and sampling from inside the test's JVM.
 */
class ServeCommandTest {
    private static final String NO_JVM = UUID.randomUUID().toString();

    @ParameterizedTest
    @ValueSource(strings = {"", "0.0.0.0", "[::]", "0"})
    void everyInterfaceNeedsATokenOrNoToken(String host) throws Exception {
        assertRefused(host);
    }

    /** One interface's own address is reachable from its network as well. */
    @Test
    void anInterfaceAddressNeedsATokenOrNoToken() throws Exception {
        InetAddress address = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && a.getAddress().length == 4)
                .findFirst().orElseThrow(() -> new AssertionError("this machine has no non-loopback IPv4 address "
                        + "to test with"));
        assertRefused(address.getHostAddress());
    }

    @Test
    void tokenAndNoTokenContradict() throws Exception {
        try (ServerSocket taken = taken()) {
            HelpTest.Run r = HelpTest.run("serve", "--all", "--include", NO_JVM, "--listen", "0.0.0.0:"
                    + taken.getLocalPort(), "--token", "t", "--no-token");
            assertEquals(ExitCode.USAGE.code(), r.code());
            assertEquals("jspy: --token and --no-token contradict each other (hint: pass one of them)\n", r.err());
        }
    }

    @Test
    void aListenAddressNeedsAPort() {
        HelpTest.Run r = HelpTest.run("serve", "--all", "--include", NO_JVM, "--listen", "9464");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("jspy: bad --listen '9464' (hint: use HOST:PORT, e.g. 127.0.0.1:9464)\n", r.err());
    }

    private static void assertRefused(String host) throws Exception {
        try (ServerSocket taken = taken()) {
            String listen = host + ":" + taken.getLocalPort();
            HelpTest.Run r = HelpTest.run("serve", "--all", "--include", NO_JVM, "--listen", listen);
            assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
            assertEquals("jspy: --listen " + listen + " can be reached from other hosts, and without a token anyone "
                    + "there reads every sampled JVM's code structure and takes profiles (hint: pass --token TOKEN, "
                    + "or --no-token on a trusted network; --listen 127.0.0.1:" + taken.getLocalPort()
                    + " serves this host only)\n", r.err());
            assertEquals("", r.out());
        }
    }

    /** A port in use on every interface. */
    private static ServerSocket taken() throws IOException {
        return new ServerSocket(0);
    }
}
