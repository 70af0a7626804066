package org.opencli.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over each contributing file's path and bytes, in merge order: changes when any file does. */
final class ConfigFingerprint {
    private ConfigFingerprint() {
    }

    static String of(List<ConfigFileReader.ReadFile> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        for (ConfigFileReader.ReadFile file : files) {
            sha.update(file.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // separators keep (path, bytes) boundaries unambiguous
            sha.update(file.bytes());
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
