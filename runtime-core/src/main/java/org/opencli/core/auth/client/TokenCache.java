package org.opencli.core.auth.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.opencli.core.json.Json;

/**
 * Sign-ins cached per runtime URL in one directory. A person's sign-ins to remote runtimes live in
 * {@link #forUser}: {@code <state-root>/auth/<sha256(url)>.json} — the state root is the user's, so a
 * sign-in belongs to (runtime URL, user) and serves every project directory that talks to that runtime.
 * The directory is 0700 and each file 0600 (written to a 0600 temp file, then moved atomically, so a
 * token is never readable by others even for a moment). A corrupt file counts as no sign-in.
 */
public final class TokenCache {
    private final Path dir;

    /** The user's sign-ins to remote runtimes: {@code <state-root>/auth}. */
    public static TokenCache forUser(Path stateRoot) {
        return new TokenCache(stateRoot.resolve("auth"));
    }

    private TokenCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir} itself (upstream oauth2 secrets keep theirs in the instance's token directory). */
    public static TokenCache inDirectory(Path dir) {
        return new TokenCache(dir);
    }

    public Path directory() {
        return dir;
    }

    public Path file(String runtimeUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalize(runtimeUrl).getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<CachedLogin> read(String runtimeUrl) {
        Path file = file(runtimeUrl);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            CachedLogin login = Json.MAPPER.readValue(file.toFile(), CachedLogin.class);
            return login.tokens() == null || login.tokens().accessToken() == null ? Optional.empty() : Optional.of(login);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void write(CachedLogin login) {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path tmp = Files.createTempFile(dir, "login", ".tmp");
            try {
                restrict(tmp, "rw-------");
                Files.write(tmp, Json.writeBytes(login));
                Files.move(tmp, file(login.runtime()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OAuthClientException("token_cache_unwritable", "cannot write the token cache under " + dir
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Removes the sign-in; true when there was one. */
    public boolean delete(String runtimeUrl) {
        try {
            return Files.deleteIfExists(file(runtimeUrl));
        } catch (IOException e) {
            throw new OAuthClientException("token_cache_unwritable", "cannot delete " + file(runtimeUrl));
        }
    }

    static String normalize(String runtimeUrl) {
        return runtimeUrl.replaceAll("/+$", "");
    }

    private static void restrict(Path path, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems (Windows): the user profile's ACLs apply
        }
    }
}
