package org.opencli.core.discovery;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails a read once a deadline has passed. Parsers pull their input in small chunks as they go, so
 * a parse that takes too long (a pathological YAML document) stops at its next read.
 */
final class DeadlineInputStream extends FilterInputStream {
    /** The deadline passed; parsers may wrap it, so {@link #in} looks through causes. */
    static final class Exceeded extends IOException {
        Exceeded() {
            super("parse deadline exceeded");
        }

        static boolean in(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof Exceeded) return true;
            }
            return false;
        }
    }

    private final long deadlineNanos;

    DeadlineInputStream(InputStream in, long deadlineNanos) {
        super(in);
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        // small reads keep the checks frequent even when a parser asks for big chunks
        return super.read(b, off, Math.min(len, 16 * 1024));
    }

    private void check() throws IOException {
        if (System.nanoTime() - deadlineNanos > 0) throw new Exceeded();
    }
}
