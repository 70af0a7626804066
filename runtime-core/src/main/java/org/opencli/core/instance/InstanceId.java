package org.opencli.core.instance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Instance id resolution (CONTRACT.md §9): explicit id (slugified) → {@code OCLI_INSTANCE_ID} →
 * parent directory name + first 10 hex chars of SHA-256 of the absolute config path → {@code default}.
 */
public final class InstanceId {
    public static final String DEFAULT = "default";

    private InstanceId() {
    }

    public static String resolve(String explicit, String envValue, Path configPath) {
        if (explicit != null && !explicit.isBlank()) return slug(explicit);
        if (envValue != null && !envValue.isBlank()) return slug(envValue);
        if (configPath != null) return fromConfigPath(configPath);
        return DEFAULT;
    }

    public static String fromConfigPath(Path configPath) {
        Path absolute = configPath.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        String dirName = parent == null || parent.getFileName() == null ? "root" : parent.getFileName().toString();
        return slug(dirName) + "-" + sha256Hex(absolute.toString()).substring(0, 10);
    }

    /** Lower-case, [a-z0-9-] only, no leading/trailing/double dashes; never empty. */
    public static String slug(String value) {
        String s = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? DEFAULT : s;
    }

    static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
