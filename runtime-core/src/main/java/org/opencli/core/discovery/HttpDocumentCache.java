package org.opencli.core.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.core.json.Json;

/**
 * On-disk cache of HTTP responses keyed by {@code METHOD:URL[:Accept]}. Each entry is a metadata
 * file plus a body file named by the key's SHA-256. An entry whose metadata does not parse, whose
 * key differs, or whose body is missing or fails its checksum is corrupt and is deleted.
 */
final class HttpDocumentCache {
    /**
     * What we remember about a cached response. {@code fetchedAtMillis} is when the publisher last
     * sent or confirmed it; {@code expiresAtMillis} when it stops being fresh ({@link Freshness}; null
     * in entries written before it was recorded: then the source's max age applies).
     */
    record Entry(String key, String finalUrl, int statusCode, String etag, String lastModified,
            long fetchedAtMillis, String bodySha256, Map<String, List<String>> headers, String cacheControl,
            Long expiresAtMillis) {
    }

    record Hit(Entry entry, byte[] body) {
    }

    private final Path dir;

    HttpDocumentCache(Path dir) {
        this.dir = dir;
    }

    static String key(String method, String url, String accept) {
        return method + ":" + url + (accept == null || accept.isBlank() ? "" : ":" + accept);
    }

    Optional<Hit> load(String key) {
        Path meta = metaFile(key);
        if (!Files.isRegularFile(meta)) return Optional.empty();
        try {
            Entry e = Json.MAPPER.readValue(meta.toFile(), Entry.class);
            byte[] body = Files.readAllBytes(bodyFile(key));
            if (!key.equals(e.key()) || !sha256(body).equals(e.bodySha256())) throw new IOException("checksum");
            return Optional.of(new Hit(e, body));
        } catch (IOException | RuntimeException corrupt) {
            drop(key);
            return Optional.empty();
        }
    }

    void store(Entry entry, byte[] body) {
        try {
            Files.createDirectories(dir);
            writeAtomically(bodyFile(entry.key()), body);
            writeAtomically(metaFile(entry.key()), Json.MAPPER.writeValueAsBytes(entry));
        } catch (IOException e) {
            // A cache we cannot write is not fatal: the document was fetched; next time is a miss.
            drop(entry.key());
        }
    }

    void drop(String key) {
        try {
            Files.deleteIfExists(metaFile(key));
            Files.deleteIfExists(bodyFile(key));
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path metaFile(String key) {
        return dir.resolve(name(key) + ".json");
    }

    Path bodyFile(String key) {
        return dir.resolve(name(key) + ".body");
    }

    private static String name(String key) {
        return sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
