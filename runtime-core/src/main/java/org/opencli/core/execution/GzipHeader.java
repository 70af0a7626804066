package org.opencli.core.execution;

import java.util.Arrays;

/**
 * The RFC 1952 member header in front of a gzip body's deflate data, possibly split over chunks.
 * Buffers at most {@code max} bytes (the optional name and comment fields are unbounded in the
 * format, not here).
 */
final class GzipHeader {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final int max;
    private byte[] buffered = new byte[0];
    private boolean complete;

    GzipHeader(int max) {
        this.max = max;
    }

    boolean complete() {
        return complete;
    }

    /** Takes bytes until the header is whole; returns how many of these bytes belong to it. */
    int feed(byte[] input, int offset, int length) {
        int before = buffered.length;
        int take = Math.min(length, max + 1 - before);
        buffered = Arrays.copyOf(buffered, before + take);
        System.arraycopy(input, offset, buffered, before, take);
        int end = headerEnd();
        if (end < 0) {
            if (buffered.length > max) throw new UpstreamBodyException("the upstream's gzip header is longer than " + max + " bytes");
            return length;
        }
        complete = true;
        buffered = null;
        return end - before;
    }

    /** The header's length, or -1 while more bytes are needed. */
    private int headerEnd() {
        byte[] b = buffered;
        if (b.length < 10) return -1;
        if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            throw new UpstreamBodyException("the upstream's gzip body has no gzip header");
        }
        int flags = b[3] & 0xff;
        int pos = 10;
        if ((flags & FEXTRA) != 0) {
            if (b.length < pos + 2) return -1;
            pos += 2 + ((b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) pos = afterZero(b, pos);
        if (pos >= 0 && (flags & FCOMMENT) != 0) pos = afterZero(b, pos);
        if (pos < 0) return -1;
        if ((flags & FHCRC) != 0) pos += 2;
        return pos <= b.length ? pos : -1;
    }

    private static int afterZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == 0) return i + 1;
        return -1;
    }
}
