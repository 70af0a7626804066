package org.opencli.core.execution;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An upstream body collected while it arrives, never past {@code limit}: the bytes on the wire are
 * counted, and a {@code gzip}/{@code deflate} body is inflated chunk by chunk into a bounded buffer,
 * so a compression bomb stops at {@code limit} inflated bytes. Compressed input is never
 * accumulated. Held at most: {@code limit} decoded bytes, a 16 KiB inflate buffer, the inflater's
 * 32 KiB window and a gzip header (at most 64 KiB). Not thread-safe: one writer at a time.
 */
public final class BoundedBody {
    /** What both clients ask for unless the request names its own {@code Accept-Encoding}. */
    public static final String ACCEPT_ENCODING = "gzip, deflate";
    private static final int SCRATCH = 16 * 1024;
    private static final int MAX_GZIP_HEADER = 64 * 1024;

    private final long limit;
    private final Encoding encoding;
    private final GzipHeader gzipHeader;
    private Inflater inflater;
    private byte[] scratch;
    private long wireBytes;
    private byte[] out;
    private int size;

    private enum Encoding { IDENTITY, GZIP, DEFLATE }

    private BoundedBody(long limit, Encoding encoding, int sizeHint) {
        this.limit = Math.min(limit, Integer.MAX_VALUE - 8); // one Java array holds the body
        this.encoding = encoding;
        this.gzipHeader = encoding == Encoding.GZIP ? new GzipHeader(MAX_GZIP_HEADER) : null;
        this.out = new byte[(int) Math.min(this.limit, Math.max(0, sizeHint))];
    }

    /**
     * A body in {@code contentEncoding} ({@code gzip}, {@code x-gzip}, {@code deflate} are decoded;
     * anything else is kept as sent); {@code contentLength} (-1: unknown) only sizes the first buffer.
     */
    public static BoundedBody of(String contentEncoding, long contentLength, long limit) {
        Encoding encoding = switch (contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> Encoding.GZIP;
            case "deflate" -> Encoding.DEFLATE;
            default -> Encoding.IDENTITY;
        };
        int hint = encoding == Encoding.IDENTITY && contentLength >= 0 && contentLength <= limit ? (int) contentLength : 8 * 1024;
        return new BoundedBody(limit, encoding, hint);
    }

    /** Headers that describe the body as sent, not as decoded: dropped from a decoded answer. */
    public static boolean describesEncodedBody(String headerName) {
        return headerName.equalsIgnoreCase("Content-Encoding") || headerName.equalsIgnoreCase("Content-Length");
    }

    /** True when the body is decoded here, so the answer no longer carries its Content-Encoding. */
    public boolean decodes() {
        return encoding != Encoding.IDENTITY;
    }

    /** Takes the next chunk as received; fails once the wire bytes or the decoded bytes pass the limit. */
    public void accept(ByteBuffer chunk) {
        int n = chunk.remaining();
        wireBytes += n;
        if (wireBytes > limit) throw fail(new ResponseTooLargeException(limit));
        if (encoding == Encoding.IDENTITY) {
            ensure(n);
            chunk.get(out, size, n);
            size += n;
            return;
        }
        byte[] input = new byte[n];
        chunk.get(input);
        inflate(input, 0, n);
    }

    public void accept(byte[] bytes) {
        accept(ByteBuffer.wrap(bytes));
    }

    /** The whole (decoded) body; a compressed body that ended early is an error. */
    public byte[] finish() {
        try {
            if (encoding != Encoding.IDENTITY && wireBytes > 0 && (inflater == null || !inflater.finished())) {
                throw new UpstreamBodyException("the upstream's " + encoding.name().toLowerCase(Locale.ROOT) + " body ended early");
            }
            return size == out.length ? out : Arrays.copyOf(out, size);
        } finally {
            discard();
        }
    }

    /** Frees the inflater; idempotent. Called on every way out (finish, failure, timeout). */
    public void discard() {
        if (inflater != null) inflater.end();
        scratch = null;
    }

    private void inflate(byte[] input, int offset, int length) {
        int from = offset;
        if (inflater == null) {
            if (encoding == Encoding.GZIP) {
                int consumed = gzipHeader.feed(input, offset, length);
                if (!gzipHeader.complete()) return;
                from = offset + consumed;
                inflater = new Inflater(true);
            } else {
                inflater = new Inflater(!zlibWrapped(input[offset], length > 1 ? input[offset + 1] : 0));
            }
            scratch = new byte[SCRATCH];
        }
        if (inflater.finished()) return; // trailer (gzip CRC and size) or trailing bytes
        inflater.setInput(input, from, offset + length - from);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int produced = inflater.inflate(scratch);
                if (produced == 0 && inflater.needsDictionary()) {
                    throw fail(new UpstreamBodyException("the upstream's deflate body needs a preset dictionary"));
                }
                if (size + (long) produced > limit) throw fail(new ResponseTooLargeException(limit));
                ensure(produced);
                System.arraycopy(scratch, 0, out, size, produced);
                size += produced;
            }
        } catch (DataFormatException e) {
            throw fail(new UpstreamBodyException("the upstream's " + encoding.name().toLowerCase(Locale.ROOT)
                    + " body is corrupt"));
        }
    }

    /** RFC 1950 header check: "deflate" is meant to be zlib-wrapped, some servers send raw deflate. */
    private static boolean zlibWrapped(byte cmf, byte flg) {
        return (cmf & 0x0f) == 8 && (((cmf & 0xff) << 8) | (flg & 0xff)) % 31 == 0;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed <= out.length) return;
        long grown = Math.max(needed, Math.min(limit, Math.max(16, (long) out.length * 2)));
        out = Arrays.copyOf(out, (int) grown);
    }

    private RuntimeException fail(RuntimeException e) {
        discard();
        return e;
    }
}
