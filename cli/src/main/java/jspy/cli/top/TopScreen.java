package jspy.cli.top;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * The full-screen terminal: raw keys, the alternate screen, no cursor, and redraws of only what
 * changed (JLine's Display). close() puts everything back and must run in a finally.
 */
public final class TopScreen implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final Display display;
    private Size size = new Size(0, 0);

    private TopScreen(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        this.display = new Display(terminal, true);
    }

    /** The terminal on stdin/stdout, or null when either is not a terminal (then top prints plain snapshots). */
    public static TopScreen open() throws IOException {
        if (System.console() == null) { // JDK 17-21: null unless both stdin and stdout are terminals
            return null;
        }
        // The exec provider (stty) is the one tested here, on JDK 17 and 25. It still loads JLine's
        // JNI helper to hand file descriptors to stty, so on JDK 24+ the jar needs the manifest
        // entry Enable-Native-Access: ALL-UNNAMED, or the JVM prints JEP 472 warnings.
        // nativeSignals(false): JLine must not replace our SIGINT/SIGTERM handlers (StopSignal),
        // which end the loop and restore the screen.
        Terminal terminal = TerminalBuilder.builder().system(true).provider("exec").nativeSignals(false)
                .dumb(true).build();
        String type = terminal.getType();
        if (type == null || type.startsWith(Terminal.TYPE_DUMB)) {
            terminal.close();
            return null;
        }
        return new TopScreen(terminal);
    }

    /**
     * The raw key bytes, one read returning as soon as one key is typed. Not terminal.reader():
     * with the exec provider (JLine 3.30.6) its reads, timed or not, handed over a key only when
     * the NEXT key arrived, and a timed read could block for good, freezing the refresh. Here the
     * terminal waits for at least one byte (VMIN 1, VTIME 0) and nothing reads ahead.
     */
    public InputStream keys() {
        Attributes blocking = new Attributes(terminal.getAttributes());
        blocking.setControlChar(Attributes.ControlChar.VMIN, 1);
        blocking.setControlChar(Attributes.ControlChar.VTIME, 0);
        terminal.setAttributes(blocking);
        return System.in;
    }

    /** Current size, read again on each call so a resized window is redrawn to fit. */
    public Size size() {
        Size now = terminal.getSize();
        if (now.getRows() <= 0 || now.getColumns() <= 0) {
            now = new Size(80, 24);
        }
        if (!now.equals(size)) {
            size = now;
            display.clear();
            display.resize(now.getRows(), now.getColumns());
            terminal.puts(Capability.clear_screen);
        }
        return size;
    }

    public void draw(List<AttributedString> lines) {
        display.update(lines, 0);
        terminal.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            terminal.puts(Capability.cursor_normal);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
        } finally {
            terminal.close();
        }
    }
}
