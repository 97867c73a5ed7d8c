package jspy.cli.attach;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File work in directories the target's user controls (its /tmp, the session directory), safe
 * for root: every call opens the directory without following links (see {@link SafeDir}), then
 * acts on names relative to that descriptor. Files are created with O_EXCL, nothing is opened
 * through a link, and a swapped-in link is deleted or replaced, never followed. Before this,
 * a racing user made root chmod, touch and delete root's own files (issue 11).
 */
public final class SafeFiles {
    /** Session trees are a few files deep; deeper means someone else's tree. */
    private static final int MAX_DEPTH = 8;

    private SafeFiles() {
    }

    /**
     * Sets name's mtime to now by renaming a fresh file over it (O_EXCL create, then renameat):
     * no existing file is ever opened, so a link or FIFO swapped in for name is simply replaced.
     */
    public static void touch(Path dir, String name) throws IOException {
        try (SafeDir d = SafeDir.open(dir)) {
            String tmp = "." + name + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            create(d, tmp, "rw-------").close();
            d.stream().move(Path.of(tmp), d.stream(), Path.of(name));
        }
    }

    /**
     * Replaces name with a new file holding text, readable by the directory's owner (the target's
     * user reads what the CLI writes, which may be root): a fresh O_EXCL file renamed over it, so
     * nothing already there is ever opened.
     */
    public static void replace(Path dir, String name, String text) throws IOException {
        try (SafeDir d = SafeDir.open(dir)) {
            String tmp = "." + name + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            write(d, tmp, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "rw-r--r--");
            d.stream().move(Path.of(tmp), d.stream(), Path.of(name));
        }
    }

    /** Creates an empty file with O_EXCL; false if the name exists already (as anything). */
    public static boolean createEmpty(Path dir, String name) throws IOException {
        try (SafeDir d = SafeDir.open(dir)) {
            create(d, name, "rw-------").close();
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Deletes dir and everything under it, descending only into real directories: a link is
     * unlinked itself, whatever it points to. A missing dir is not an error.
     */
    public static void deleteTree(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        String name = dir.getFileName().toString();
        try (SafeDir p = SafeDir.open(parent)) {
            deleteEntry(p, name, 0);
        } catch (NoSuchFileException gone) {
            // nothing to delete
        }
    }

    static void deleteEntry(SafeDir parent, String name, int depth) throws IOException {
        PosixFileAttributes a;
        try {
            a = parent.attributes(name);
        } catch (NoSuchFileException gone) {
            return;
        }
        if (!a.isDirectory()) {
            parent.stream().deleteFile(Path.of(name));
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw new IOException(parent.path().resolve(name) + " is nested deeper than a jspy directory can be");
        }
        try (SafeDir d = parent.child(name)) {
            for (Path entry : d.stream()) {
                deleteEntry(d, entry.getFileName().toString(), depth + 1);
            }
        } catch (FileSystemException swapped) {
            if (!parent.attributes(name).isDirectory()) {
                parent.stream().deleteFile(Path.of(name)); // became a link since we looked: unlink it
                return;
            }
            throw swapped;
        }
        parent.stream().deleteDirectory(Path.of(name));
    }

    /** A small file's content, read without following a link; null if absent. */
    public static String read(Path dir, String name, int maxBytes) throws IOException {
        try (SafeDir d = SafeDir.open(dir)) {
            if (!d.attributes(name).isRegularFile()) {
                return null;
            }
            try (SeekableByteChannel ch = d.stream().newByteChannel(Path.of(name),
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes, Math.max(0, ch.size()) + 1));
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // fill up to the bound
                }
                return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A new file (O_CREAT|O_EXCL) with mode given at creation: no chmod of a name afterwards. */
    static SeekableByteChannel create(SafeDir d, String name, String mode) throws IOException {
        FileAttribute<?> perms = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
        return d.stream().newByteChannel(Path.of(name), Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), perms);
    }

    /** Copies in to a new file name in d, created with O_EXCL and the given mode. */
    static void write(SafeDir d, String name, InputStream in, String mode) throws IOException {
        try (SeekableByteChannel ch = create(d, name, mode); OutputStream out = Channels.newOutputStream(ch)) {
            in.transferTo(out);
        }
    }
}
