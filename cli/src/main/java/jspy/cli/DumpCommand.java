package jspy.cli;

import jspy.cli.base.Log;
import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jspy.cli.attach.OneShot;
import jspy.cli.attach.TargetJvm;
import jspy.cli.dump.Dump;
import jspy.cli.dump.DumpPeers;
import jspy.cli.dump.DumpJson;
import jspy.cli.dump.DumpReader;
import jspy.cli.dump.DumpText;
import jspy.cli.dump.DumpWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jspy dump}: every thread's current stack, once, with its state and bucket. */
@Command(name = "dump", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = "Print every thread's current stack once (virtual threads included on JDK 21+), "
                + "with its state, what it is doing (cpu, socket, poll, jdbc, pool, lock, io, await, jvm or idle), "
                + "its OS thread id and its CPU time.")
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE, ExitCode.NO_SUCH_PROCESS, ExitCode.NOT_A_JVM,
    ExitCode.PERMISSION, ExitCode.ATTACH_REFUSED, ExitCode.ATTACH_FAILED, ExitCode.OUTPUT})
public final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "The JVM to dump (or give the PID alone).")
    Long pid;

    /** {@code jspy dump 1234}, as asprof and jstack take it. */
    @Parameters(paramLabel = "PID", arity = "0..1", description = "The JVM to dump, instead of -p.")
    Long barePid;

    @Option(names = "--json", description = "Write JSON for tools instead of text (every thread, never grouped).")
    boolean json;

    @Option(names = "--no-group", description = "Show every virtual thread; by default those with the same stack "
            + "are shown once, with their count.")
    boolean noGroup;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        pid = TargetPid.of(pid, barePid);
        TargetJvm target = TargetJvm.inspect(pid);
        OneShot.DumpFiles files = OneShot.dump(target);
        Dump dump = DumpPeers.add(DumpReader.read(pid, files.threads(), files.virtualJson(), files.threadPrint()));
        Log.debug("read and classified " + dump.threads().size() + " threads");
        DumpWriter writer = json ? new DumpJson() : new DumpText(!noGroup);
        PrintWriter out = spec.commandLine().getOut();
        try {
            writer.write(dump, out);
        } catch (IOException e) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write the dump: " + e.getMessage(), null, e);
        }
        out.flush();
        Log.debug("written");
        if (out.checkError()) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write the dump to standard output", "is the pipe closed?");
        }
        return ExitCode.OK.code();
    }
}
