package org.opencli.core.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.opencli.core.discovery.DocumentDependency;
import org.opencli.core.discovery.FetchedDocument;

/**
 * Every document read during one build: each becomes a dependency (so the engine's cache notices
 * edits) and feeds the source fingerprint (SHA-256 over location and bytes, in read order).
 */
final class DocumentLog {
    private final List<DocumentDependency> dependencies = new ArrayList<>();
    private final MessageDigest digest;

    DocumentLog() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    FetchedDocument record(FetchedDocument doc) {
        if (doc.dependency() != null) dependencies.add(doc.dependency());
        digest.update(doc.location().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(doc.content());
        digest.update((byte) 0);
        return doc;
    }

    List<DocumentDependency> dependencies() {
        return List.copyOf(dependencies);
    }

    String fingerprint() {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }
}
