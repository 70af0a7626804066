package org.opencli.core.discovery;

import java.time.Duration;
import java.util.function.Function;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Bounds on every source document (OpenAPI, overlay, skill manifest, Arazzo, linkset, API catalog,
 * external {@code $ref} target), local or remote. A document over {@code maxBytes} is refused
 * ({@code source_too_large}) before it is parsed or cached; parsing stops at {@code maxDepth} levels
 * of nesting, {@code maxAliases} YAML aliases to collections and {@code parseTimeout}; a remote
 * document must arrive whole within {@code readTimeout}. Operators change them with the
 * {@code OCLI_DOCUMENT_*} environment variables (docs/configuration.md#input-limits).
 */
public record DocumentLimits(long maxBytes, int maxDepth, int maxAliases, Duration readTimeout, Duration parseTimeout) {

    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 256;
    public static final int DEFAULT_MAX_ALIASES = 100;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(20);
    /** Leaves room for the byte array header: the largest array a JVM hands out. */
    private static final long LARGEST = Integer.MAX_VALUE - 16L;

    public static final DocumentLimits DEFAULTS = new DocumentLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_ALIASES, DEFAULT_READ_TIMEOUT, DEFAULT_PARSE_TIMEOUT);

    public DocumentLimits {
        if (maxBytes < 1 || maxBytes > LARGEST) throw new IllegalArgumentException("maxBytes must be 1.." + LARGEST);
        if (maxDepth < 1) throw new IllegalArgumentException("maxDepth must be positive");
        if (maxAliases < 0) throw new IllegalArgumentException("maxAliases must not be negative");
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
        if (parseTimeout == null || parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive");
        }
    }

    /**
     * The defaults, each overridable by an environment variable: {@code OCLI_DOCUMENT_MAX_BYTES},
     * {@code OCLI_DOCUMENT_MAX_DEPTH}, {@code OCLI_DOCUMENT_MAX_ALIASES},
     * {@code OCLI_DOCUMENT_READ_TIMEOUT_SECONDS}, {@code OCLI_DOCUMENT_PARSE_TIMEOUT_SECONDS}.
     *
     * @throws OcliException ({@code invalid_document_limit}) naming the variable when a value is not a usable number
     */
    public static DocumentLimits fromEnvironment(Function<String, String> env) {
        return new DocumentLimits(
                number(env, "OCLI_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES, 1, LARGEST),
                (int) number(env, "OCLI_DOCUMENT_MAX_DEPTH", DEFAULT_MAX_DEPTH, 1, 10_000),
                (int) number(env, "OCLI_DOCUMENT_MAX_ALIASES", DEFAULT_MAX_ALIASES, 0, 100_000),
                Duration.ofSeconds(number(env, "OCLI_DOCUMENT_READ_TIMEOUT_SECONDS", DEFAULT_READ_TIMEOUT.toSeconds(), 1, 3600)),
                Duration.ofSeconds(number(env, "OCLI_DOCUMENT_PARSE_TIMEOUT_SECONDS", DEFAULT_PARSE_TIMEOUT.toSeconds(), 1, 3600)));
    }

    private static long number(Function<String, String> env, String name, long fallback, long min, long max) {
        String raw = env.apply(name);
        if (raw == null || raw.isBlank()) return fallback;
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw invalid(name + " is not a whole number (expected " + min + ".." + max + ")");
        }
        if (value < min || value > max) throw invalid(name + " is out of range (expected " + min + ".." + max + ")");
        return value;
    }

    private static OcliException invalid(String why) {
        return new OcliException(ErrorKind.CONFIG, "invalid_document_limit", "Invalid document limit", why);
    }
}
