package org.opencli.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: every record's {@code prevHash} is the hex SHA-256 of the previous line's exact
 * UTF-8 bytes (without its newline); the first record ever carries {@link #GENESIS}. Editing,
 * removing or reordering a line therefore breaks the link to the line after it.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String line) {
        return hash(line.getBytes(StandardCharsets.UTF_8));
    }

    public static String hash(byte[] lineWithoutNewline) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lineWithoutNewline));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
