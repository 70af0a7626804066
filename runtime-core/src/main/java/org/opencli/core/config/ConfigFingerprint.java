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
        return ofContents(files.stream().map(f -> new Content(f.name(), f.bytes())).toList());
    }

    /** One contributing file: its absolute path as the loader names it, and its bytes. */
    record Content(String name, byte[] bytes) {
    }

    static String ofContents(List<Content> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        for (Content file : files) {
            sha.update(file.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // separators keep (path, bytes) boundaries unambiguous
            sha.update(file.bytes());
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
