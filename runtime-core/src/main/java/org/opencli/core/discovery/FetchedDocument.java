package org.opencli.core.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes of a fetched document, where they came from (after redirects), and how the cache
 * answered. For local files {@code requestMethod}, {@code cacheOutcome} and the HTTP fields are null.
 * {@code headers} keeps the response headers discovery needs (Link, Content-Type), lower-case names.
 * {@code cacheControl} is the publisher's header as last seen, {@code expiresAt} when the copy stops
 * being fresh ({@link Freshness}), {@code staleReason} why a {@code stale_hit} was served (e.g.
 * {@code unreachable}, {@code timeout}, {@code invalid_answer}, {@code http_503}, {@code manual_only}).
 */
public record FetchedDocument(
        String location,
        String contentType,
        byte[] content,
        String cacheOutcome,
        DocumentDependency dependency,
        String requestMethod,
        Integer statusCode,
        boolean stale,
        String etag,
        String lastModified,
        Instant fetchedAt,
        Map<String, List<String>> headers,
        String cacheControl,
        Instant expiresAt,
        String staleReason) {

    public FetchedDocument(String location, String contentType, byte[] content, String cacheOutcome,
                           DocumentDependency dependency) {
        this(location, contentType, content, cacheOutcome, dependency, null, null, false, null, null, null, Map.of(), null,
                null, null);
    }

    public List<String> header(String name) {
        return headers == null ? List.of() : headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public FetchedDocument withStatus(int status) {
        return new FetchedDocument(location, contentType, content, cacheOutcome, dependency, requestMethod, status,
                stale, etag, lastModified, fetchedAt, headers, cacheControl, expiresAt, staleReason);
    }

    /** The cache outcome as the enum; empty for local files. */
    public java.util.Optional<FetchOutcome> outcome() {
        return FetchOutcome.fromWireName(cacheOutcome);
    }

    public boolean isRemote() {
        return location.startsWith("http://") || location.startsWith("https://");
    }
}
