package jspy.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The syscall lines of real blocked threads (JDK 17, x86_64, captured 2026-12-07 in resources/kernel). */
class SyscallTest {
    private static final SyscallTable X86 = SyscallTable.of("amd64");

    static String resource(String name) throws IOException {
        try (InputStream in = SyscallTest.class.getResourceAsStream("/kernel/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aReadWithoutTimeoutNamesItsDescriptor() throws IOException {
        Syscall call = Syscall.parse(resource("syscall-plain-read.txt"));
        assertEquals(0, call.nr());
        assertEquals(6, X86.fd(call));
        assertTrue(!X86.polls(call));
    }

    @Test
    void aTimedReadPollsAPollfdArrayOfOne() throws IOException {
        Syscall call = Syscall.parse(resource("syscall-timed-read.txt"));
        assertEquals(7, call.nr());
        assertEquals(-1, X86.fd(call));
        assertTrue(X86.polls(call));
        assertEquals(0x7ff5818fd488L, call.arg(0));
        assertEquals(1, call.arg(1));
    }

    @Test
    void acceptAndUdpReceiveNameTheirDescriptor() throws IOException {
        assertEquals(4, X86.fd(Syscall.parse(resource("syscall-acceptor.txt"))));
        assertEquals(0x11, X86.fd(Syscall.parse(resource("syscall-udp-recv.txt"))));
    }

    @Test
    void aRunningThreadOrOneOutsideACallIsNone() {
        assertSame(Syscall.NONE, Syscall.parse("running\n"));
        assertSame(Syscall.NONE, Syscall.parse("-1 0x7ffd2c1e0b48 0x7f20c2cc3f16\n"));
        assertSame(Syscall.NONE, Syscall.parse(""));
        assertSame(Syscall.NONE, Syscall.parse("7 0xzz 0x1 0x2 0x3 0x4 0x5 0x6 0x7"));
    }

    @Test
    void aFutexIsNoSocketCall() {
        Syscall futex = Syscall.parse("202 0x7f20c171f990 0x109 0x152c 0x0 0x0 0xffffffff 0x7fff75970470 0x7f20c2cc3f16");
        assertEquals(202, futex.nr());
        assertEquals(-1, X86.fd(futex));
        assertTrue(!X86.polls(futex));
    }

    @Test
    void arm64PollsWithPpoll() {
        SyscallTable arm = SyscallTable.of("aarch64");
        Syscall ppoll = Syscall.parse("73 0xffff8a3fe4c8 0x1 0x0 0x0 0x8 0x0 0xffff8a3fe480 0xffff9c0a1b2c");
        assertTrue(arm.polls(ppoll));
        assertEquals(5, arm.fd(Syscall.parse("63 0x5 0xffff7c0016e0 0x1 0x0 0x0 0x0 0xffff8a3fe480 0xffff9c0a1b2c")));
    }
}
