package org.opencli.core.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A catalog answer as sent: its exact bytes and a strong entity tag, the SHA-256 of those bytes.
 * Derived from the bytes alone, the tag is exact whatever produced them (scope filtering, view,
 * config): two answers share a tag only when they are byte for byte the same.
 */
public record CatalogAnswer(byte[] json, String etag) {

    public static CatalogAnswer of(byte[] json) {
        return new CatalogAnswer(json, entityTag(json));
    }

    /** {@code "<base64url of SHA-256>"}, quoted as an HTTP strong entity tag. */
    static String entityTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
