package jspy.cli.serve;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** serve's log: plain lines on stderr, each with a UTC timestamp, as a long-running daemon needs. */
public final class ServeLog {
    private ServeLog() {
    }

    public static void info(String message) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " jspy serve: " + message);
        System.err.flush();
    }
}
