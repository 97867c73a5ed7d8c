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
        // JNI first: every size query and mode change is then an ioctl. With the exec provider each
        // one ran stty in a new process, 0.1-0.6 s on this loaded machine (load 9 on 2 cores), and
        // top asks for the size on every redraw, so keys and q waited behind stty (a measured 3.5 s
        // from q to exit). exec stays as the fallback. Both load JLine's JNI helper, so on JDK 24+
        // the jar needs the manifest entry Enable-Native-Access: ALL-UNNAMED (JEP 472 warnings).
        // nativeSignals(false): JLine must not replace our SIGINT/SIGTERM handlers (StopSignal),
        // which end the loop and restore the screen.
        Terminal terminal = TerminalBuilder.builder().system(true).providers("jni,exec").nativeSignals(false)
                .dumb(true).build();
        String type = terminal.getType();
        if (type == null || type.startsWith(Terminal.TYPE_DUMB)) {
            terminal.close();
            return null;
        }
        return new TopScreen(terminal);
    }

    /**
     * The raw key bytes, each available as soon as it is typed. Not terminal.reader(): with the
     * exec provider (JLine 3.30.6) its reads, timed or not, handed over a key only when the NEXT
     * key arrived. Here the terminal returns each byte at once (VMIN 1, VTIME 0) and nothing reads
     * ahead; KeyInput reads only what {@code available()} says is there.
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
