package jspy.cli.base;

/** Distinct exit codes, so scripts can tell failures apart. Listed in every command's --help. */
public enum ExitCode {
    OK(0, "success"),
    ERROR(1, "unexpected error (run with --verbose for details)"),
    USAGE(2, "invalid command line"),
    NO_SUCH_PROCESS(3, "no process with that PID"),
    NOT_A_JVM(4, "the process is not a HotSpot JVM"),
    PERMISSION(5, "not permitted to attach (run as the target's user or root)"),
    ATTACH_REFUSED(6, "the JVM refuses attach or agent loading"),
    ATTACH_FAILED(7, "attach or the agent failed or timed out"),
    OUTPUT(8, "cannot write the output file"),
    BUDGET(9, "a --fail-if budget was exceeded (outputs are written first)"),
    INPUT(10, "cannot read an input file, or it holds no stacks"),
    LAUNCH_FAILED(127, "the command to launch could not be started");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** For picocli's exit code list in --help. */
    public static java.util.Map<String, String> helpList() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (ExitCode c : values()) {
            out.put(Integer.toString(c.code), c.meaning);
        }
        return out;
    }
}
