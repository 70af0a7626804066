package org.opencli.cli.runtime;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Splits a body arriving in chunks into its lines and hands each complete one on as it arrives (a
 * streamed NDJSON answer read while it is still being written). Bounded: a line longer than {@code
 * maxLine} bytes is not handed on (the rest of it is skipped up to its newline), and at most {@code
 * maxLines} lines are.
 */
final class NdjsonLines {
    private final Consumer<byte[]> sink;
    private final int maxLine;
    private final int maxLines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean skipping;
    private int handed;

    NdjsonLines(Consumer<byte[]> sink, int maxLine, int maxLines) {
        this.sink = sink;
        this.maxLine = maxLine;
        this.maxLines = maxLines;
    }

    /** A new answer begins (the request was sent again): a line the last one left unfinished is dropped. */
    void restart() {
        line.reset();
        skipping = false;
    }

    void accept(byte[] chunk, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (b == '\n') {
                if (!skipping && line.size() > 0 && handed < maxLines) {
                    handed++;
                    sink.accept(line.toByteArray());
                }
                line.reset();
                skipping = false;
            } else if (!skipping) {
                if (line.size() == maxLine) {
                    skipping = true;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }
}
