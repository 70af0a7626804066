package org.opencli.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opencli.core.json.Json;

/**
 * Appends one JSON object per line. A single writer thread owns the file, so lines never
 * interleave and callers (possibly event-loop threads) never block on disk.
 */
public final class JsonlAuditSink implements AuditSink {
    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ocli-audit-writer");
        t.setDaemon(true);
        return t;
    });

    public JsonlAuditSink(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public CompletionStage<Void> append(AuditRecord record) {
        byte[] line = (Json.write(record) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return CompletableFuture.runAsync(() -> write(line), writer);
    }

    private void write(byte[] line) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(false);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to audit log " + file, e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
