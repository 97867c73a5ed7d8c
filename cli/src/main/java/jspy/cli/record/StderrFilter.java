package jspy.cli.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies the launched command's stderr to ours, minus the one line each JVM prints about our
 * JAVA_TOOL_OPTIONS ("Picked up JAVA_TOOL_OPTIONS: ..."; HotSpot prints it unconditionally). If
 * the user had their own JAVA_TOOL_OPTIONS, the line they would have seen is put back.
 */
final class StderrFilter implements Runnable {
    private final InputStream in;
    private final OutputStream out;
    private final byte[] ours;
    private final byte[] replacement;

    StderrFilter(InputStream in, OutputStream out, String combinedValue, String userValue) {
        this.in = in;
        this.out = out;
        this.ours = ("Picked up JAVA_TOOL_OPTIONS: " + combinedValue).getBytes(StandardCharsets.UTF_8);
        this.replacement = userValue == null ? null
                : ("Picked up JAVA_TOOL_OPTIONS: " + userValue + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    line.write(buf[i]);
                    if (buf[i] == '\n') {
                        emit(line);
                    }
                }
                // A partial line that cannot become ours goes out now: prompts must not wait.
                if (line.size() > 0 && !couldBeOurs(line)) {
                    emit(line);
                }
                out.flush();
            }
            emit(line);
            out.flush();
        } catch (IOException e) {
            // the command or our stderr went away; nothing left to copy
        }
    }

    private boolean couldBeOurs(ByteArrayOutputStream line) {
        byte[] b = line.toByteArray();
        for (int i = 0; i < b.length && i < ours.length; i++) {
            if (b[i] != ours[i]) {
                return false;
            }
        }
        return b.length <= ours.length + 2; // "\r\n"
    }

    private void emit(ByteArrayOutputStream line) throws IOException {
        byte[] b = line.toByteArray();
        line.reset();
        int end = b.length;
        while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
            end--;
        }
        if (end == ours.length && java.util.Arrays.equals(b, 0, end, ours, 0, ours.length)) {
            if (replacement != null) {
                out.write(replacement);
            }
            return;
        }
        out.write(b);
    }
}
