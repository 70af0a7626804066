package org.opencli.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, symbolic links followed: the CLI reads or writes regular files and character
 * devices ({@code /dev/null}, a terminal) and refuses the rest by name — opening a FIFO without a
 * writer blocks, and replacing a device or socket by a file would destroy it.
 */
public enum FileKind {
    MISSING("nothing"), REGULAR("a regular file"), DIRECTORY("a directory"), CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"), FIFO("a named pipe (FIFO)"), SOCKET("a socket"), OTHER("not a regular file");

    /** The file-type bits of {@code st_mode} (POSIX {@code S_IFMT}) and the types the JDK does not name. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** For messages: {@code a named pipe (FIFO)}. */
    public String description() {
        return description;
    }

    public static FileKind of(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return MISSING;
        }
        if (attributes.isRegularFile()) return REGULAR;
        if (attributes.isDirectory()) return DIRECTORY;
        return special(path);
    }

    /** Linux and macOS expose {@code st_mode} through the "unix" view; elsewhere a special file is just OTHER. */
    private static FileKind special(Path path) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return OTHER;
        }
        return switch (mode & S_IFMT) {
            case S_IFCHR -> CHARACTER_DEVICE;
            case S_IFBLK -> BLOCK_DEVICE;
            case S_IFIFO -> FIFO;
            case S_IFSOCK -> SOCKET;
            default -> OTHER;
        };
    }

    /** A symbolic link whose target does not exist. */
    public static boolean isDanglingLink(Path path) {
        return Files.isSymbolicLink(path) && !Files.exists(path);
    }
}
