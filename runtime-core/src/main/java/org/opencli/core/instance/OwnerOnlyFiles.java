package org.opencli.core.instance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: created with {@code 0600} (directories {@code 0700}) from the
 * start, so there is no moment in which another local user could open them. On a file system
 * without POSIX permissions the platform's defaults apply.
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Creates missing directories as {@code 0700}; existing ones are left as they are. */
    public static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) return;
        createDirectories(dir.toAbsolutePath().getParent());
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        try {
            Files.createDirectory(dir, attribute(DIR));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile by another process: fine
        }
    }

    /** Writes {@code bytes} to a fresh {@code 0600} file (an existing file is replaced, its permissions reset). */
    public static void write(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        if (POSIX) {
            Files.createFile(file, attribute(FILE));
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(bytes);
        }
        if (POSIX) Files.setPosixFilePermissions(file, FILE); // umask cannot widen it, but make it explicit
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
