package jspy.cli.sample;

/** Why a sample stream ended. */
public enum StopReason {
    DURATION("the duration passed"),
    INTERRUPTED("Ctrl-C"),
    TERMINATED("SIGTERM"),
    HANGUP("SIGHUP"),
    QUIT("quit"),
    TARGET_EXITED("the JVM exited"),
    COMMAND_EXITED("the command ended"),
    AGENT_STOPPED("the agent stopped sampling by itself");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The reason for a signal name as StopSignal reports it ("SIGINT"), or null. */
    public static StopReason ofSignal(String signal) {
        if (signal == null) {
            return null;
        }
        return switch (signal) {
            case "SIGTERM" -> TERMINATED;
            case "SIGHUP" -> HANGUP;
            default -> INTERRUPTED;
        };
    }
}
