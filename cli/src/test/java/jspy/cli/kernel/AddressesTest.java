package jspy.cli.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void ipv6AsPeopleWriteIt() {
        assertEquals("::1", Addresses.ipv6(bytes(0, 0, 0, 0, 0, 0, 0, 1)));
        assertEquals("::", Addresses.ipv6(bytes(0, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals("fe80::1:2", Addresses.ipv6(bytes(0xfe80, 0, 0, 0, 0, 0, 1, 2)));
        assertEquals("2001:db8::", Addresses.ipv6(bytes(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0)));
        assertEquals("2001:db8:0:1:0:0:0:1".replace(":0:0:0:", "::"), Addresses.ipv6(bytes(0x2001, 0xdb8, 0, 1, 0, 0, 0, 1)));
        assertEquals("1:0:2:3:4:5:6:7", Addresses.ipv6(bytes(1, 0, 2, 3, 4, 5, 6, 7)), "one zero group stays");
    }

    @Test
    void anUnconnectedAddressIsNoPeer() {
        assertEquals(null, Addresses.inet("00000000:0000"));
        assertEquals("127.0.0.1:8080", Addresses.inet("0100007F:1F90"));
    }

    private static byte[] bytes(int... groups) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }
}
