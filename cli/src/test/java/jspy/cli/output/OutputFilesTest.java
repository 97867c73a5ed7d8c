package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    private static final Profile PROFILE = new Profile(new TargetInfo(4242, "App", "17"), FoldedFile.parse(
            "[w tid=1];java/lang/Thread.run;App.spin 7\n[r tid=2];App.read;sun/nio/ch/SocketDispatcher.read0 3\n",
            Set.of()), 1, 100, false, false);

    @Test
    void aDeviceThatRefusesWritesIsFoundBeforeRecording() {
        JspyException full = assertThrows(JspyException.class,
                () -> OutputFiles.check(Map.of(Format.SVG, Path.of("/dev/full"))));
        assertEquals(ExitCode.OUTPUT, full.exitCode());
        assertEquals("jspy: cannot write '/dev/full': No space left on device (hint: pick another -o; nothing was "
                + "recorded yet)", full.oneLine());
        OutputFiles.check(Map.of(Format.SVG, Path.of("/dev/null"))); // a byte there changes nothing
    }

    /**
     * A directory that refuses new files, even to root: the line names the user's path and the OS's
     * reason, not the probe file ('cannot write /proc/x.svg: /proc/.jspy-probe-2612935837974223189.tmp'
     * before, issue 23). /proc refuses a create with ENOENT, sysfs with EACCES (Linux 6.x, as root).
     */
    @Test
    void aDirectoryThatRefusesNewFilesIsNamedWithTheOsReason() {
        assertEquals("jspy: cannot write '/proc/x.svg': No such file or directory (hint: directory '/proc' takes no "
                + "new files; pick another -o; nothing was recorded yet)", refused("/proc/x.svg").oneLine());
        assertEquals("jspy: cannot write '/sys/x.svg': Permission denied (hint: directory '/sys' takes no new files; "
                + "pick another -o; nothing was recorded yet)", refused("/sys/x.svg").oneLine());
        assertEquals("jspy: cannot write '" + dir + "': it is a directory (hint: pick another -o)",
                refused(dir.toString()).oneLine());
        assertEquals("jspy: cannot write '" + dir + "/no/such/p.svg': directory '" + dir + "/no/such' does not exist "
                + "(hint: create it, or pick another -o)", refused(dir + "/no/such/p.svg").oneLine());
    }

    private static JspyException refused(String file) {
        JspyException e = assertThrows(JspyException.class, () -> OutputFiles.check(Map.of(Format.SVG, Path.of(file))));
        assertEquals(ExitCode.OUTPUT, e.exitCode());
        return e;
    }

    @Test
    void theProbeLeavesNothingBehindAndTouchesNoExistingFile() throws Exception {
        Path existing = Files.writeString(dir.resolve("old.svg"), "keep me");
        OutputFiles.check(Map.of(Format.SVG, existing, Format.JSON, dir.resolve("new.json")));
        assertEquals(List.of(existing), Files.list(dir).toList());
        assertEquals("keep me", Files.readString(existing));
    }

    @Test
    void aFailedWriteSavesTheSamplesAndNamesTheFile() throws Exception {
        JspyException failed = assertThrows(JspyException.class,
                () -> OutputFiles.write(Format.SVG, PROFILE, Path.of("/dev/full")));
        assertEquals(ExitCode.OUTPUT, failed.exitCode());
        Matcher saved = Pattern.compile("the samples are saved in (\\S+\\.collapsed) \\(hint: render them with "
                + "'jspy flamegraph \\1 -o profile.svg'\\)").matcher(failed.oneLine());
        assertTrue(saved.find(), failed.oneLine());
        Path file = Path.of(saved.group(1));
        try {
            StringWriter expected = new StringWriter();
            new CollapsedFormat().write(PROFILE, expected);
            assertEquals(expected.toString(), Files.readString(file));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)), "samples may be private");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
