package org.opencli.cli.dynamic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.FileKind;
import org.opencli.cli.IoReasons;
import org.opencli.core.io.BoundedFiles;

/**
 * Reads a {@code --body} source without trusting its size: at most {@link #LIMIT} + 1 bytes, so
 * {@code @/dev/zero} or endless stdin is refused instead of filling memory. Only regular files and
 * character devices are opened by name; a FIFO would block until a writer came, a directory has no
 * bytes.
 */
final class BoundedBody {
    /**
     * The runtime's default request-body limit ({@code quarkus.http.limits.max-body-size=10M} in
     * oclird's application.properties): a larger body could not be sent anyway.
     */
    static final int LIMIT = 10 * 1024 * 1024;

    private BoundedBody() {
    }

    static byte[] read(InputStream in, String source) {
        try {
            return bounded(in, source);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    static byte[] readFile(Path path, String name) {
        FileKind kind = FileKind.of(path);
        switch (kind) {
            case REGULAR -> {
                // the engine's bounded reader: size checked up front, /proc files (size 0) cut off as they are read
                try {
                    return BoundedFiles.read(path, LIMIT);
                } catch (BoundedFiles.TooLarge e) {
                    throw tooLarge(name);
                } catch (IOException e) {
                    throw unreadable(name, e);
                }
            }
            case CHARACTER_DEVICE -> {
                // /dev/stdin and the like: no size to trust, so read at most one byte past the limit
                try (InputStream in = Files.newInputStream(path)) {
                    return bounded(in, name);
                } catch (IOException e) {
                    throw unreadable(name, e);
                }
            }
            case MISSING -> throw new CliException(ExitCodes.USAGE, "body_file_not_found", "Cannot read request body",
                    "no such file: " + name);
            case DIRECTORY -> throw refused(name, "it is a directory");
            default -> throw refused(name, "it is " + kind.description() + ", not a regular file (pipe it to --body - instead)");
        }
    }

    static CliException tooLarge(String source) {
        return new CliException(ExitCodes.USAGE, "body_too_large", "Request body too large",
                "--body: " + source + " is larger than 10 MiB (" + LIMIT + " bytes), the runtime's request limit");
    }

    private static byte[] bounded(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(LIMIT + 1);
        if (bytes.length > LIMIT) throw tooLarge(source);
        return bytes;
    }

    private static CliException refused(String name, String reason) {
        return new CliException(ExitCodes.USAGE, "body_unreadable", "Cannot read request body", "--body @" + name + ": " + reason);
    }

    private static CliException unreadable(String source, IOException e) {
        return new CliException(ExitCodes.USAGE, "body_unreadable", "Cannot read request body",
                "--body: " + source + " cannot be read (" + IoReasons.of(e) + ")");
    }
}
