package org.opencli.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Renders a record's line in two steps so the expensive ones run on the appender's thread: {@link #body}
 * serialises the record without {@code seq} and {@code prevHash}, and {@link #prehash} hashes that body
 * up to its closing brace; the writer then appends the chain fields and finishes the hash from there.
 * The line is exactly what Jackson writes for the stamped record: {@code seq} and {@code prevHash} are
 * the last two fields of {@link AuditRecord}'s order, both plain ASCII. Because everything before
 * {@code seq} is known when the record is appended, only the line's last ~100 bytes are hashed on the
 * writer thread, which is the store's one serial stage.
 */
final class AuditLineCodec {
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREV_HASH = ",\"prevHash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** A fresh SHA-256 to clone per appended record: cloning skips the provider lookup. Never updated. */
    private static final MessageDigest PROTOTYPE = newSha256();

    private final MessageDigest sha256 = newSha256();
    private final byte[] digits = new byte[20];

    /** The record's JSON with the chain fields left out: what the writer appends them to. */
    static byte[] body(AuditRecord record) {
        return body(record, null);
    }

    /** As {@link #body(AuditRecord)}, with {@code instanceId} filled in when the record has none. */
    static byte[] body(AuditRecord record, String instanceId) {
        AuditRecord unchained = record.seq() == null && record.prevHash() == null ? record : record.withoutChain();
        return AuditJson.write(unchained, instanceId);
    }

    /**
     * A SHA-256 that has consumed the line's bytes before its chain fields ({@code body} without its
     * closing brace), for {@link #finish}; null if the JDK's digest cannot be cloned (the writer then
     * hashes the whole line itself).
     */
    static MessageDigest prehash(byte[] body) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return null;
        }
        digest.update(body, 0, prefixLength(body));
        return digest;
    }

    /** The line (without its newline) for {@code body} stamped with {@code seq} and {@code prevHash} (64 hex chars). */
    byte[] line(byte[] body, long seq, byte[] prevHash) {
        byte[] out = new byte[lineLength(body, seq, prevHash)];
        writeLine(body, seq, prevHash, out, 0);
        return out;
    }

    /** How many of the line's first bytes are {@code body}'s: all but its closing brace. */
    static int prefixLength(byte[] body) {
        return body.length - 1;
    }

    /** How many bytes {@link #line} makes (without the newline). */
    static int lineLength(byte[] body, long seq, byte[] prevHash) {
        int digits = 1;
        for (long v = seq; v >= 10; v /= 10) digits++;
        boolean empty = body.length <= 2; // "{}": a record with no field besides the chain ones
        return prefixLength(body) + (empty ? 0 : 1) + SEQ.length + digits + PREV_HASH.length + prevHash.length + 2;
    }

    /** Writes {@link #line} into {@code out} at {@code at} (room for {@link #lineLength} bytes); returns the end. */
    int writeLine(byte[] body, long seq, byte[] prevHash, byte[] out, int at) {
        int n = 0;
        long v = seq;
        do {
            digits[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        int p = at;
        int prefix = prefixLength(body);
        System.arraycopy(body, 0, out, p, prefix);
        p += prefix;
        if (body.length > 2) out[p++] = ',';
        System.arraycopy(SEQ, 0, out, p, SEQ.length);
        p += SEQ.length;
        while (n > 0) out[p++] = digits[--n];
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
        return hex(sha256.digest());
    }

    /**
     * As {@link #hash(byte[], int, int)}, given {@code prehashed}: a {@link #prehash} of the line's
     * {@code body}, so only the bytes after the body's prefix are hashed here.
     */
    byte[] finish(MessageDigest prehashed, byte[] line, int from, int length, int prefixLength) {
        prehashed.update(line, from + prefixLength, length - prefixLength);
        return hex(prehashed.digest());
    }

    private static byte[] hex(byte[] digest) {
        byte[] hex = new byte[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return hex;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
