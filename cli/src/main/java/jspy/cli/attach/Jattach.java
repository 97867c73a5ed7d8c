package jspy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/** Runs jattach and turns its output into success or one clear failure. */
final class Jattach {
    /** jattach itself waits up to ~6 s for a JVM to open its attach socket. */
    private static final long TIMEOUT_SECONDS = 15;

    private Jattach() {
    }

    /** A load: success is jattach's exit 0 and the agent's own return code 0; returns the output. */
    static String run(Path jattach, TargetJvm target, String... command) {
        Result r = exec(jattach, target.pid(), command);
        // jattach found a socket file, so it sent no signal, and nothing listens on it: a listening
        // JVM never refuses a UNIX stream connection (a full backlog makes connect wait). What a JVM
        // killed with SIGKILL leaves, met by a later JVM of the same user with the same pid.
        if (r.output().contains("Could not connect to socket: Connection refused")) {
            throw AttachGate.staleSocket(target, "refused the connection: it is probably a stale attach socket");
        }
        check(target.pid(), r.exit(), r.output());
        return r.output();
    }

    /**
     * A diagnostic command, as {@code jcmd PID NAME}: returns the JVM's answer, a refusal (an
     * unknown command) included; throws only when the JVM could not be reached.
     */
    static String jcmd(Path jattach, long pid, String name) {
        Result r = exec(jattach, pid, "jcmd", name);
        if (!r.output().contains("JVM response code")) {
            throw new JspyException(ExitCode.ATTACH_FAILED, "JVM " + pid + " did not answer jcmd " + name + ": "
                    + r.output().replace('\n', ' '), null);
        }
        return r.output();
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(Path jattach, long pid, String... command) {
        List<String> argv = new ArrayList<>();
        argv.add(jattach.toString());
        argv.add(Long.toString(pid));
        argv.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new JspyException(ExitCode.ATTACH_FAILED, "JVM " + pid + " did not answer the attach request in "
                        + TIMEOUT_SECONDS + " s", "is it hung or stopped in a debugger?");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new JspyException(ExitCode.ATTACH_FAILED, "cannot run " + jattach + ": " + e.getMessage(),
                    "is /tmp mounted noexec? set -Djava.io.tmpdir to another directory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JspyException(ExitCode.ATTACH_FAILED, "interrupted while attaching", null, e);
        }
    }

    /** jattach may exit 0 although the JVM refused (JDK 25 without dynamic agent loading). */
    static void check(long pid, int exit, String output) {
        if (output.contains("Dynamic agent loading is not enabled")) {
            throw new JspyException(ExitCode.ATTACH_REFUSED, "JVM " + pid + " does not allow dynamic agents",
                    "restart it with -XX:+EnableDynamicAgentLoading, or launch it under 'jspy record -- <command>'");
        }
        if (output.contains("Operation not permitted") || output.contains("Permission denied")) {
            throw RootCause.denied(pid, "not permitted to attach to JVM " + pid, null);
        }
        if (output.contains("not found")) {
            throw new JspyException(ExitCode.NO_SUCH_PROCESS, "process " + pid + " went away while attaching", null);
        }
        String result = lastLine(output).replace("return code:", "").trim();
        if (exit != 0 || !output.contains("JVM response code = 0") || !result.equals("0")) {
            throw new JspyException(ExitCode.ATTACH_FAILED, "attaching to JVM " + pid + " failed: "
                    + output.replace('\n', ' '), "run with --verbose; does 'jcmd " + pid + " VM.version' work?");
        }
    }

    private static String lastLine(String output) {
        int nl = output.lastIndexOf('\n');
        return nl < 0 ? output : output.substring(nl + 1);
    }
}
