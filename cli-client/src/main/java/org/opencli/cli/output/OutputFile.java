package org.opencli.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.FileKind;
import org.opencli.cli.IoReasons;

/**
 * The {@code --output FILE} destination, checked before anything is sent (a call that cannot be
 * saved is not made). A symbolic link is followed: its target is written, the link stays. A regular
 * file (or a new one) is written atomically — the bytes go to a temporary file beside it, which
 * replaces FILE in one rename, so FILE is never half-written; the check creates and deletes such a
 * temporary file, so a directory that refuses one ({@code /proc}) is found before sending. A
 * character device ({@code /dev/null}) is written in place, never replaced. FIFOs, sockets and
 * block devices are refused.
 */
public final class OutputFile {
    private final Path shown;
    private final Path target;
    private final boolean inPlace;

    private OutputFile(Path shown, Path target, boolean inPlace) {
        this.shown = shown;
        this.target = target;
        this.inPlace = inPlace;
    }

    /** The destination, or a usage error naming it when it cannot be written. */
    public static OutputFile checked(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (FileKind.isDanglingLink(absolute)) throw unwritable(file, "it is a symbolic link to a file that does not exist");
        Path target = realTarget(file, absolute);
        FileKind kind = FileKind.of(target);
        switch (kind) {
            case MISSING, REGULAR -> {
                return replaceable(file, absolute, target, kind == FileKind.REGULAR);
            }
            case CHARACTER_DEVICE -> {
                if (!Files.isWritable(target)) throw unwritable(file, "the device is not writable");
                return new OutputFile(absolute, target, true);
            }
            case DIRECTORY -> throw unwritable(file, "it is a directory");
            default -> throw unwritable(file, "it is " + kind.description() + ", not a regular file");
        }
    }

    /** An existing path with its links resolved; a new file keeps its name under its real directory. */
    private static Path realTarget(Path file, Path absolute) {
        try {
            if (Files.exists(absolute)) return absolute.toRealPath();
            Path parent = absolute.getParent();
            return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(absolute.getFileName()) : absolute;
        } catch (IOException e) {
            throw unwritable(file, IoReasons.of(e));
        }
    }

    private static OutputFile replaceable(Path file, Path absolute, Path target, boolean exists) {
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) throw unwritable(file, "the directory " + parent + " does not exist");
        if (exists && !Files.isWritable(target)) throw unwritable(file, "the file is not writable");
        Path probe = temporaryBeside(target);
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw unwritable(file, "a temporary file cannot be created in " + parent + " (" + IoReasons.of(e) + ")");
        }
        return new OutputFile(absolute, target, false);
    }

    /** The path as the user named it (made absolute), for the "wrote N bytes to" line. */
    public Path path() {
        return shown;
    }

    void write(byte[] bytes) {
        if (inPlace) {
            writeInPlace(bytes);
            return;
        }
        Path temp = temporaryBeside(target);
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            keepPermissions(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw notSaved(e);
        }
    }

    /** A device is opened and written like a shell redirect would; it is never created or replaced. */
    private void writeInPlace(byte[] bytes) {
        try {
            Files.write(target, bytes, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw notSaved(e);
        }
    }

    private CliException notSaved(IOException e) {
        return new CliException(ExitCodes.INTERNAL, "output_unwritable", "Cannot write output",
                shown + ": " + IoReasons.of(e) + " (the call was made; its answer could not be saved)");
    }

    private static Path temporaryBeside(Path file) {
        return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** A file being replaced keeps its mode; a new one gets the umask's default, like a shell redirect. */
    private void keepPermissions(Path temp) throws IOException {
        if (!Files.exists(target)) return;
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
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
