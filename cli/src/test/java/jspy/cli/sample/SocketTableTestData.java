package jspy.cli.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The tcp6 table captured from a JDK 17 process (resources/kernel/tcp6.txt). */
final class SocketTableTestData {
    private SocketTableTestData() {
    }

    static String tcp6() {
        try (InputStream in = SocketTableTestData.class.getResourceAsStream("/kernel/tcp6.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
