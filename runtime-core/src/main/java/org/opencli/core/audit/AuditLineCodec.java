package org.opencli.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Renders a record's line in two steps so the expensive one runs on the appender's thread: {@link #body}
 * serialises the record without {@code seq} and {@code prevHash} (Jackson, off the writer thread);
 * {@link #line} then splices the two chain fields into those bytes, which yields exactly what Jackson
 * would write for the stamped record ({@code seq} is the first field of {@link AuditRecord}'s order,
 * {@code prevHash} the last, both plain ASCII). The hash of a line is computed with a reused digest.
 */
final class AuditLineCodec {
    private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREV_HASH = "\"prevHash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private final byte[] digits = new byte[20];

    AuditLineCodec() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The record's JSON with the chain fields left out: what the writer splices them into. */
    static byte[] body(AuditRecord record) {
        return body(record, null);
    }

    /** As {@link #body(AuditRecord)}, with {@code instanceId} filled in when the record has none. */
    static byte[] body(AuditRecord record, String instanceId) {
        AuditRecord unchained = record.seq() == null && record.prevHash() == null ? record : record.withoutChain();
        return AuditJson.write(unchained, instanceId);
    }

    /** The line (without its newline) for {@code body} stamped with {@code seq} and {@code prevHash} (64 hex chars). */
    byte[] line(byte[] body, long seq, byte[] prevHash) {
        byte[] out = new byte[lineLength(body, seq, prevHash)];
        writeLine(body, seq, prevHash, out, 0);
        return out;
    }

    /** How many bytes {@link #line} makes (without the newline). */
    static int lineLength(byte[] body, long seq, byte[] prevHash) {
        int digits = 1;
        for (long v = seq; v >= 10; v /= 10) digits++;
        boolean empty = body.length <= 2; // "{}": a record with no field besides the chain ones
        int inner = empty ? 0 : body.length - 2;
        return SEQ.length + digits + 1 + inner + (empty ? 0 : 1) + PREV_HASH.length + prevHash.length + 2;
    }

    /** Writes {@link #line} into {@code out} at {@code at} (room for {@link #lineLength} bytes); returns the end. */
    int writeLine(byte[] body, long seq, byte[] prevHash, byte[] out, int at) {
        int n = 0;
        long v = seq;
        do {
            digits[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        boolean empty = body.length <= 2;
        int inner = empty ? 0 : body.length - 2;
        int p = at;
        System.arraycopy(SEQ, 0, out, p, SEQ.length);
        p += SEQ.length;
        while (n > 0) out[p++] = digits[--n];
        out[p++] = ',';
        if (!empty) {
            System.arraycopy(body, 1, out, p, inner);
            p += inner;
            out[p++] = ',';
        }
        System.arraycopy(PREV_HASH, 0, out, p, PREV_HASH.length);
        p += PREV_HASH.length;
        System.arraycopy(prevHash, 0, out, p, prevHash.length);
        p += prevHash.length;
        out[p++] = '"';
        out[p++] = '}';
        return p;
    }

    /** Hex SHA-256 of {@code line} as ASCII bytes: the next record's {@code prevHash} (same as {@link AuditChain#hash}). */
    byte[] hash(byte[] line) {
        return hash(line, 0, line.length);
    }

    /** As {@link #hash(byte[])} for the line at {@code line[from, from + length)}. */
    byte[] hash(byte[] line, int from, int length) {
        sha256.update(line, from, length);
        byte[] digest = sha256.digest();
        byte[] hex = new byte[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return hex;
    }
}
