package org.opencli.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file whole, but only a regular file and only up to a size limit. A FIFO, socket or device
 * is refused before it is opened (opening a FIFO blocks until a writer appears; {@code /dev/zero}
 * never ends), and a file that grows past the limit while being read — or lies about its size, as
 * {@code /proc} files do — is cut off at {@code maxBytes + 1} bytes, so memory stays bounded.
 */
public final class BoundedFiles {
    private static final int CHUNK = 64 * 1024;

    /** The file is not a regular file (a directory, FIFO, socket or device). */
    public static final class NotRegularFile extends IOException {
        public NotRegularFile(Path file) {
            super("not a regular file: " + file);
        }
    }

    /** The file holds more than the limit. */
    public static final class TooLarge extends IOException {
        private final long limit;

        public TooLarge(Path file, long limit) {
            super(file + " is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private BoundedFiles() {
    }

    /**
     * @throws java.nio.file.NoSuchFileException when nothing is there
     * @throws NotRegularFile when it is not a regular file (symbolic links are followed first)
     * @throws TooLarge       when it holds more than {@code maxBytes}
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) throw new NotRegularFile(file);
        if (attributes.size() > maxBytes) throw new TooLarge(file, maxBytes);
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(attributes.size(), 16), maxBytes));
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1;) {
                total += n;
                if (total > maxBytes) throw new TooLarge(file, maxBytes);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
