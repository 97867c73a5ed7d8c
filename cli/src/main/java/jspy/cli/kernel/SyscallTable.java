package jspy.cli.kernel;

import java.util.Map;
import java.util.Set;

/**
 * Which system calls a thread blocked on a socket sits in, and where their file descriptor is,
 * per architecture (numbers from the kernel's arch/x86/entry/syscalls/syscall_64.tbl and
 * include/uapi/asm-generic/unistd.h). Measured on JDK 17 and 25: a {@code Socket} read without a
 * timeout is {@code read(fd)}, one with a timeout (pgjdbc, {@code Net.poll} under
 * {@code NioSocketImpl}) is {@code poll(pollfd*, 1, timeout)}; accept and a UDP receive (DNS) take
 * the fd first too. arm64 has no {@code poll}: glibc calls {@code ppoll}, whose first argument is
 * the same pollfd array.
 */
public record SyscallTable(Set<Integer> fdFirst, Set<Integer> pollFirst) {
    private static final Map<String, SyscallTable> BY_ARCH = Map.of(
            // read write readv writev sendto recvfrom sendmsg recvmsg connect accept accept4 | poll ppoll
            "amd64", new SyscallTable(Set.of(0, 1, 19, 20, 44, 45, 46, 47, 42, 43, 288), Set.of(7, 271)),
            // read write readv writev sendto recvfrom sendmsg recvmsg connect accept accept4 | ppoll
            "aarch64", new SyscallTable(Set.of(63, 64, 65, 66, 206, 207, 211, 212, 203, 202, 242), Set.of(73)));

    /** The table of the architecture jspy runs on (os.arch), or null where it has none. */
    public static SyscallTable ofThisMachine() {
        String arch = System.getProperty("os.arch", "");
        return BY_ARCH.get(arch.equals("x86_64") ? "amd64" : arch.equals("arm64") ? "aarch64" : arch);
    }

    public static SyscallTable of(String arch) {
        return BY_ARCH.get(arch);
    }

    /** The descriptor the call names directly, or -1. */
    public int fd(Syscall call) {
        return fdFirst.contains(call.nr()) ? (int) call.arg(0) : -1;
    }

    /** Whether the call's first argument points to a pollfd array (its length is the second). */
    public boolean polls(Syscall call) {
        return pollFirst.contains(call.nr());
    }
}
