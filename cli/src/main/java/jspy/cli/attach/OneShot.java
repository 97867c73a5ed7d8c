package jspy.cli.attach;

import java.io.IOException;
import java.nio.file.Path;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Log;

/**
 * One request to the agent that needs no session: load it with {@code mode=dump}, which writes
 * its files before the load command returns, read them, remove the directory. Nothing keeps
 * running in the target afterwards.
 */
public final class OneShot {
    /**
     * The files the agent wrote: its thread records, and the JDK's JSON dump (JDK 21+) or null;
     * and the JVM's own Thread.print (the only place that pairs Java and OS thread ids) or null.
     */
    public record DumpFiles(String threads, String virtualJson, String threadPrint) {
    }

    /** A dump of 10,000 threads is ~20 MB; more than this is not a file the agent wrote. */
    private static final int MAX_FILE = 256 << 20;

    private OneShot() {
    }

    public static DumpFiles dump(TargetJvm target) {
        Path jattach = Embedded.jattach();
        Embedded.Installed installed = Embedded.install(target);
        String name = PrivateDir.uniqueName("d-");
        Path dir = PrivateDir.ensure(installed.hostDir().getParent().resolve(name), target.uid(), target.gid());
        String targetDir = installed.targetDir().substring(0, installed.targetDir().lastIndexOf('/')) + "/" + name;
        try {
            int feature = TargetRelease.feature(target);
            // JDK 21+ prints a JEP 451 warning into the target for a dynamically loaded agent,
            // unless the flag counts as set; loading async-profiler's library first sets it
            // (DESIGN.md). Older JDKs do not warn, so they get no library just for a dump.
            if ((feature == 0 || feature >= 21) && target.loadedProfilerLibrary() == null) {
                Log.debug("loading libasyncProfiler.so into " + target.pid() + " (JDK " + feature + ")");
                Jattach.run(jattach, target, "load", installed.target("libasyncProfiler.so"), "true",
                        "status,log=" + targetDir + "/load.log");
            }
            Log.debug("loading the agent in dump mode");
            Jattach.run(jattach, target, "load", "instrument", "false",
                    installed.target("jspy-agent.jar") + "=dir=" + targetDir + ",mode=dump");
            Log.debug("agent returned");
            String error = read(dir.resolve("error"));
            if (error != null) {
                throw new JspyException(ExitCode.ATTACH_FAILED, "the agent could not dump JVM " + target.pid() + ": "
                        + error.trim(), "run with --verbose");
            }
            String threads = read(dir.resolve("threads"));
            if (threads == null || read(dir.resolve("done")) == null) {
                if (read(dir.resolve("agent")) == null) {
                    throw AgentDir.staleAgent(target.pid());
                }
                throw new JspyException(ExitCode.ATTACH_FAILED, "the agent wrote no thread dump in JVM " + target.pid(),
                        "is the JVM older than Java 8, or not HotSpot/OpenJDK?");
            }
            return new DumpFiles(threads, read(dir.resolve("virtual.json")), threadPrint(jattach, target));
        } finally {
            remove(dir);
        }
    }

    /** Over the attach socket, as jstack: it prints into our pipe, never the target's output. */
    private static String threadPrint(Path jattach, TargetJvm target) {
        try {
            return Jattach.jcmd(jattach, target.pid(), "Thread.print");
        } catch (JspyException e) {
            Log.debug("no Thread.print: " + e.getMessage()); // the dump stands without OS thread ids
            return null;
        }
    }

    /** Read without following a link: the target's user owns the directory. */
    private static String read(Path file) {
        try {
            return SafeFiles.read(file.getParent(), file.getFileName().toString(), MAX_FILE);
        } catch (IOException e) {
            throw new JspyException(ExitCode.ATTACH_FAILED, "cannot read " + file + ": " + e.getMessage(),
                    "check that the target's /tmp is readable", e);
        }
    }

    private static void remove(Path dir) {
        try {
            SafeFiles.deleteTree(dir);
        } catch (IOException e) {
            Log.debug("could not remove " + dir + ": " + e); // a later run removes it as stale
        }
    }
}
