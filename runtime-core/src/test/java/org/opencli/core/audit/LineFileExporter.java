package org.opencli.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exporter that appends each committed line to a file, synchronously: pointed at a path the
 * file system refuses (its parent is a regular file), every export fails for real.
 */
public final class LineFileExporter implements AuditExporter {
    private final Path target;

    public LineFileExporter(Path target) {
        this.target = target;
    }

    @Override
    public String name() {
        return "file exporter " + target.getFileName();
    }

    @Override
    public void export(AuditRecord committed, String line) {
        try {
            Files.writeString(target, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + target, e);
        }
    }

    @Override
    public void close() {
    }
}
