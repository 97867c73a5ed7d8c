package jspy.cli.base;

/** A failure the user can act on: one line with what went wrong and a hint, and an exit code. */
public final class JspyException extends RuntimeException {
    private final ExitCode exitCode;
    private final String hint;

    public JspyException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public JspyException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** "error: <what went wrong> (hint: <what to do>)" */
    public String oneLine() {
        return "jspy: " + getMessage() + (hint == null ? "" : " (hint: " + hint + ")");
    }
}
