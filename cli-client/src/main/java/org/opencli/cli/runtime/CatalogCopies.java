package org.opencli.cli.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencli.core.instance.OwnerOnlyFiles;
import org.opencli.core.instance.StateLayout;
import org.opencli.core.io.BoundedFiles;

/**
 * The last catalog answers a runtime sent (or the embedded engine computed), kept on disk per instance
 * ({@code <state-root>/instances/<id>/cache/catalogs/}, directories 0700, files 0600) so a call can
 * revalidate with {@code If-None-Match} and reuse its copy on {@code 304}.
 *
 * <p>A copy's name is {@code <context>-<identity>.copy}: the context is a hash of everything the
 * request names (runtime URL, config path sent, mode, agent profile), the identity a hash of the
 * bearer token sent (never the token), so no copy serves another caller, view or config. A file
 * holds one header line ({@code etag}, length and SHA-256 of the body) and the body; one whose
 * header, length or hash does not match is ignored (and replaced by the next answer), never used.
 * Writes go to a temporary file moved into place, so concurrent ocli processes see whole copies
 * only. At most {@link #MAX_COPIES} copies and {@link #MAX_TOTAL_BYTES} are kept, least recently
 * used first out; an answer over {@link #MAX_COPY_BYTES} is not kept. Failing to keep a copy never
 * fails the call.
 */
public final class CatalogCopies {
    static final int MAX_COPIES = 16;
    static final long MAX_COPY_BYTES = 64L << 20;
    static final long MAX_TOTAL_BYTES = 256L << 20;
    private static final int MAX_HEADER = 1024;
    private static final int MAX_ETAG = 256;
    private static final String SUFFIX = ".copy";
    private static final Duration ABANDONED_TEMP = Duration.ofMinutes(10);

    /**
     * What stands for the runtime URL in the context of an answer the embedded engine computed (no
     * URL has this form, so it names no remote runtime's copy); it is also that copy's entity tag.
     */
    public static final String EMBEDDED = "embedded";

    private final Path dir;

    CatalogCopies(Path dir) {
        this.dir = dir;
    }

    public static CatalogCopies forInstance(Path stateRoot, String instanceId) {
        return new CatalogCopies(new StateLayout(stateRoot, instanceId).cacheDir().resolve("catalogs"));
    }

    Path directory() {
        return dir;
    }

    /** A kept answer: the runtime's entity tag and the exact bytes it sent. */
    public record Copy(String etag, byte[] body) {
    }

    /** Which copy a request uses: its context and its caller. */
    public record Key(String context, String identity) {
        String fileName() {
            return context + "-" + identity + SUFFIX;
        }
    }

    /** The context of {@code GET /v1/catalog/effective} at {@code runtimeUrl} with these query values. */
    public static String context(String runtimeUrl, String config, String mode, String agentProfile) {
        return hash(String.join("\u0000", "catalog/v1", runtimeUrl.replaceAll("/+$", ""), nz(config), nz(mode), nz(agentProfile)));
    }

    /** The key of the embedded engine's answer for these request values: no runtime URL, no caller. */
    public static Key embeddedKey(String config, String mode, String agentProfile) {
        return new Key(context(EMBEDDED, config, mode, agentProfile), identity(null));
    }

    /** The caller of a request sending {@code bearerToken} (null: none): a hash, the token is not kept. */
    public static String identity(String bearerToken) {
        return bearerToken == null ? "anonymous" : hash("bearer\u0000" + bearerToken);
    }

    /** The copy for {@code key}, if one is kept and intact. */
    public Optional<Copy> read(Key key) {
        return read(dir.resolve(key.fileName()));
    }

    /**
     * The most recently used intact copy for {@code context}, whoever's it was: what shell completion
     * offers, without asking any runtime.
     */
    public Optional<Copy> latest(String context) {
        return latestWhere(name -> name.startsWith(context + "-"));
    }

    /** The most recently used intact copy of any context: the catalog the instance's last call received. */
    public Optional<Copy> latest() {
        return latestWhere(name -> true);
    }

    private Optional<Copy> latestWhere(java.util.function.Predicate<String> fileName) {
        for (Path file : copies().stream().filter(f -> fileName.test(f.getFileName().toString()))
                .sorted(Comparator.comparing(CatalogCopies::lastUsed).reversed()).toList()) {
            Optional<Copy> copy = read(file);
            if (copy.isPresent()) return copy;
        }
        return Optional.empty();
    }

    /** Keeps {@code body} with its tag for {@code key}, replacing any earlier copy; then trims the store. */
    public void write(Key key, String etag, byte[] body) {
        if (etag == null || etag.length() > MAX_ETAG || !etag.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                || body.length > MAX_COPY_BYTES) {
            return;
        }
        try {
            OwnerOnlyFiles.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "catalog", ".tmp"); // 0600 on POSIX
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    out.write(header(etag, body));
                    out.write(body);
                }
                Files.move(tmp, dir.resolve(key.fileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            trim(key.fileName());
        } catch (IOException | RuntimeException e) {
            // a copy not kept only costs the next call a full answer
        }
    }

    /** Marks the copy as just used (a 304 confirmed it), for least-recently-used trimming and completion. */
    public void touch(Key key) {
        try {
            Files.setLastModifiedTime(dir.resolve(key.fileName()), FileTime.from(Instant.now()));
        } catch (IOException | RuntimeException e) {
            // removed meanwhile by another process's trimming: the copy was used all the same
        }
    }

    private static Optional<Copy> read(Path file) {
        try {
            byte[] bytes = BoundedFiles.read(file, MAX_COPY_BYTES + MAX_HEADER);
            int newline = -1;
            for (int i = 0; i < Math.min(bytes.length, MAX_HEADER); i++) {
                if (bytes[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline < 0) return Optional.empty();
            String[] fields = new String(bytes, 0, newline, StandardCharsets.US_ASCII).split(" ");
            if (fields.length != 4 || !fields[0].equals("ocli-catalog-copy/1")) return Optional.empty();
            byte[] body = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
            if (!fields[2].equals(String.valueOf(body.length)) || !fields[3].equals(sha256(body))) return Optional.empty();
            return Optional.of(new Copy(fields[1], body));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, unreadable, too large or trimmed meanwhile: no copy
        }
    }

    /** {@code ocli-catalog-copy/1 <etag> <length> <sha256>}; an entity tag has no spaces or controls. */
    private static byte[] header(String etag, byte[] body) {
        return ("ocli-catalog-copy/1 " + etag + " " + body.length + " " + sha256(body) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void trim(String keep) throws IOException {
        List<Path> all = new ArrayList<>(copies());
        all.sort(Comparator.comparing(CatalogCopies::lastUsed).reversed());
        long total = 0;
        int kept = 0;
        for (Path file : all) {
            long size = size(file);
            boolean fits = kept < MAX_COPIES && total + size <= MAX_TOTAL_BYTES;
            if (fits || file.getFileName().toString().equals(keep)) {
                kept++;
                total += size;
            } else {
                Files.deleteIfExists(file);
            }
        }
        removeAbandonedTemporaries();
    }

    /** A temporary file left by a process killed mid-write. */
    private void removeAbandonedTemporaries() throws IOException {
        Instant before = Instant.now().minus(ABANDONED_TEMP);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path tmp : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).limit(1000).toList()) {
                if (lastUsed(tmp).toInstant().isBefore(before)) Files.deleteIfExists(tmp);
            }
        }
    }

    private List<Path> copies() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).limit(1000).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
