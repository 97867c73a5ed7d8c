package jspy.cli.kernel;

/**
 * Addresses as the kernel's socket tables print them: {@code 0100007F:1F90} (IPv4, the 32-bit
 * word in host byte order, little-endian here) and 32 hex digits of four such words (IPv6), a
 * colon and the port in hex. x86_64 and arm64 Linux are both little-endian.
 */
final class Addresses {
    private Addresses() {
    }

    /** "host:port" for a connected peer, or null for an unconnected one (all zeros, port 0). */
    static String inet(String hexAddress) {
        int colon = hexAddress.indexOf(':');
        if (colon < 0) {
            return null;
        }
        int port = Integer.parseInt(hexAddress.substring(colon + 1), 16);
        byte[] ip = bytes(hexAddress.substring(0, colon));
        if (ip == null || port == 0) {
            return null;
        }
        if (ip.length == 16 && mappedIpv4(ip)) {
            return ipv4(ip, 12) + ":" + port;
        }
        return (ip.length == 4 ? ipv4(ip, 0) : "[" + ipv6(ip) + "]") + ":" + port;
    }

    /** The address bytes in network order, or null when the text is not 8 or 32 hex digits. */
    private static byte[] bytes(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int word = 0; word < out.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                out[word * 4 + b] = (byte) (value >>> (8 * b)); // little-endian word
            }
        }
        return out;
    }

    private static boolean mappedIpv4(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static String ipv4(byte[] ip, int from) {
        return (ip[from] & 0xff) + "." + (ip[from + 1] & 0xff) + "." + (ip[from + 2] & 0xff) + "." + (ip[from + 3] & 0xff);
    }

    /**
     * RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups as "::".
     * Inet6Address.getHostAddress writes every group ("0:0:0:0:0:0:0:1"), which nobody types.
     */
    static String ipv6(byte[] ip) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (ip[2 * i] & 0xff) << 8 | ip[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i])).append(i < 7 ? ":" : "");
        }
        return out.toString();
    }
}
