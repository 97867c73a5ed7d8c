package jspy.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jspy.cli.base.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jspy completions bash|zsh}: a shell completion script. picocli's generated script
 * completes subcommands, options and -f's format names (and loads itself into zsh through
 * bashcompinit); jspy wraps it to offer the PIDs of running JVMs after -p/--pid.
 */
@Command(name = "completions", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = {"Print a completion script for bash or zsh: subcommands, options, format names, "
                + "and the PIDs of running JVMs after -p.",
            "bash: echo 'source <(jspy completions bash)' >> ~/.bashrc",
            "zsh:  echo 'source <(jspy completions zsh)' >> ~/.zshrc"})
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE})
public final class CompletionsCommand implements Callable<Integer> {
    /** The shells whose completion jspy prints. */
    enum Shell { bash, zsh }

    /**
     * After -p/--pid: the PIDs of processes that mapped libjvm.so (HotSpot JVMs; only those this
     * user may read, as for attach). /tmp/hsperfdata_* would miss JVMs run with -XX:-UsePerfData
     * and those in other mount namespaces. Otherwise picocli's completion runs.
     */
    private static final String PIDS = """

            # jspy: PIDs of running JVMs after -p/--pid, then picocli's completion for the rest.
            _jspy_jvm_pids() {
              local maps
              for maps in $(grep -lsF libjvm.so /proc/[0-9]*/maps 2>/dev/null); do
                maps=${maps#/proc/}
                echo "${maps%/maps}"
              done
            }

            _jspy_complete() {
              case "${COMP_WORDS[COMP_CWORD-1]}" in
                -p|--pid)
                  COMPREPLY=( $(compgen -W "$(_jspy_jvm_pids)" -- "${COMP_WORDS[COMP_CWORD]}") )
                  return 0 ;;
              esac
              _complete_jspy "$@"
            }

            complete -F _jspy_complete -o default jspy
            """;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        // The same script serves zsh: picocli's starts with 'autoload bashcompinit' there.
        String script = AutoComplete.bash("jspy", Main.commandLine(null));
        PrintWriter out = spec.commandLine().getOut();
        out.print(script);
        out.print(PIDS);
        out.flush();
        return ExitCode.OK.code();
    }
}
