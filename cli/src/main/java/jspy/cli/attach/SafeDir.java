package jspy.cli.attach;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An open directory, reached from a trusted anchor one component at a time without following a
 * link out of it. Everything done through it is relative to the open descriptor, so a user who
 * swaps a directory on our path for a symbolic link (inotify plus rename) cannot redirect root.
 * The anchor is the target's root for {@code /proc/PID/root/...} paths, else {@code /}.
 */
final class SafeDir implements Closeable {
    private static final Pattern PROC_ROOT = Pattern.compile("^(/proc/\\d+/root)(/.*)?$");
    /** As the kernel's ELOOP limit. */
    private static final int MAX_LINKS = 40;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final SecureDirectoryStream<Path> stream;
    private final Path path;

    private SafeDir(SecureDirectoryStream<Path> stream, Path path) {
        this.stream = stream;
        this.path = path;
    }

    /**
     * Opens dir. A symbolic link on the way is followed only if root or we own it, and it is
     * resolved inside the anchor: a container's {@code /tmp -> /var/tmp} leads to the container's
     * /var/tmp, never the host's.
     */
    static SafeDir open(Path dir) throws IOException {
        String abs = dir.toAbsolutePath().normalize().toString();
        Matcher m = PROC_ROOT.matcher(abs);
        Path anchor = Path.of(m.matches() ? m.group(1) : "/");
        String rest = m.matches() ? (m.group(2) == null ? "" : m.group(2)) : abs;
        Deque<String> todo = new ArrayDeque<>(names(rest));
        Deque<SafeDir> stack = new ArrayDeque<>();
        stack.push(new SafeDir(secure(Files.newDirectoryStream(anchor)), anchor));
        try {
            for (int links = 0; !todo.isEmpty();) {
                String name = todo.pollFirst();
                if (name.equals("..")) {
                    if (stack.size() > 1) {
                        stack.pop().close(); // never above the anchor, as the kernel does at a root
                    }
                    continue;
                }
                PosixFileAttributes a = stack.peek().attributes(name);
                if (!a.isSymbolicLink()) {
                    stack.push(stack.peek().child(name));
                } else if (++links > MAX_LINKS || !trustedOwner(a)) {
                    throw new FileSystemException(stack.peek().path.resolve(name).toString(), null,
                            "a symbolic link owned by another user (" + a.owner().getName() + ") is on the path");
                } else {
                    follow(stack, todo, name);
                }
            }
            return stack.pop();
        } finally {
            for (SafeDir d : stack) {
                d.close();
            }
        }
    }

    /** Queues the link's target; an absolute one restarts at the anchor, not at our root. */
    private static void follow(Deque<SafeDir> stack, Deque<String> todo, String name) throws IOException {
        String target = Files.readSymbolicLink(stack.peek().path.resolve(name)).toString();
        List<String> more = names(target);
        for (int i = more.size() - 1; i >= 0; i--) {
            todo.addFirst(more.get(i));
        }
        while (target.startsWith("/") && stack.size() > 1) {
            stack.pop().close();
        }
    }

    private static boolean trustedOwner(PosixFileAttributes a) throws IOException {
        return PrivateDir.ownedBy(a, 0) || PrivateDir.ownedBy(a, PrivateDir.currentUid());
    }

    private static List<String> names(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> s) throws IOException {
        if (s instanceof SecureDirectoryStream<?> secure) {
            return (SecureDirectoryStream<Path>) secure;
        }
        s.close();
        throw new IOException("this platform has no SecureDirectoryStream; jspy needs Linux");
    }

    /** A subdirectory; fails (ELOOP) rather than follow a link swapped in since we looked. */
    SafeDir child(String name) throws IOException {
        return new SafeDir(secure(stream.newDirectoryStream(Path.of(name), NOFOLLOW)), path.resolve(name));
    }

    /** The entry's own attributes (lstat): a link is reported as a link. */
    PosixFileAttributes attributes(String name) throws IOException {
        return stream.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    /** This open directory's attributes (fstat). */
    PosixFileAttributes attributes() throws IOException {
        return stream.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
    }

    /** The entry's attribute view; changes go through fchownat/fchmod, never following a link. */
    PosixFileAttributeView view(String name) {
        return stream.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW);
    }

    /** This open directory's attribute view: fchown and fchmod on its descriptor. */
    PosixFileAttributeView view() {
        return stream.getFileAttributeView(PosixFileAttributeView.class);
    }

    SecureDirectoryStream<Path> stream() {
        return stream;
    }

    /** The path this directory had when opened, with no links in it. */
    Path path() {
        return path;
    }

    /**
     * {@code /proc/self/fd/N} for this directory's descriptor: a path whose resolution ends in
     * this very directory, for the one call SecureDirectoryStream lacks (mkdir). The JDK hides
     * the number, so it is found by matching the device and inode.
     */
    Path descriptorPath() throws IOException {
        Object key = attributes().fileKey();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (key.equals(Files.readAttributes(fd, PosixFileAttributes.class).fileKey())) {
                        return fd;
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        }
        throw new IOException("cannot find the descriptor of " + path);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
