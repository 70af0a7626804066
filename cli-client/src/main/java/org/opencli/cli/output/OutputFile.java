package org.opencli.cli.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;

/**
 * The {@code --output FILE} destination: checked before anything is sent (a call that cannot be
 * saved is not made), then written atomically — the bytes go to a temporary file beside it, which
 * replaces FILE in one rename, so FILE is never half-written.
 */
public final class OutputFile {
    private final Path file;

    private OutputFile(Path file) {
        this.file = file;
    }

    /** The destination, or a usage error naming it when it cannot be written. */
    public static OutputFile checked(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (Files.isDirectory(absolute)) throw unwritable(file, "it is a directory");
        if (parent == null || !Files.isDirectory(parent)) throw unwritable(file, "the directory " + parent + " does not exist");
        if (!Files.isWritable(parent)) throw unwritable(file, "the directory " + parent + " is not writable");
        if (Files.exists(absolute) && !Files.isWritable(absolute)) throw unwritable(file, "the file is not writable");
        return new OutputFile(absolute);
    }

    public Path path() {
        return file;
    }

    void write(byte[] bytes) {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            keepPermissions(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
            throw new CliException(ExitCodes.INTERNAL, "output_unwritable", "Cannot write output",
                    file + ": " + reason + " (the call was made; its answer could not be saved)");
        }
    }

    /** A file being replaced keeps its mode; a new one gets the umask's default, like a shell redirect. */
    private void keepPermissions(Path temp) throws IOException {
        if (!Files.exists(file)) return;
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the temporary file is all that is left over; the error above says what failed
        }
    }

    private static CliException unwritable(Path file, String reason) {
        return new CliException(ExitCodes.USAGE, "output_unwritable", "Cannot write output",
                "--output " + file + ": " + reason + "; nothing was sent");
    }
}
