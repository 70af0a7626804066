package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One document read while discovering a source. {@code method} is the discovery step
 * ({@code explicit}, {@code serviceRoot}, {@code apiCatalog}); {@code requestMethod} the HTTP verb
 * (absent for local files); {@code cacheOutcome} one of miss, fresh_hit, revalidated_hit, refreshed,
 * stale_hit (absent for local files); {@code cacheControl} the publisher's header, {@code expiresAt}
 * when the copy stops being fresh. {@code staleReason} (why a stale copy was served) is kept in
 * memory for refresh answers and not serialized: the catalog's schema has no place for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"url", "fetchedAt", "method", "requestMethod", "statusCode", "cacheOutcome", "etag",
        "lastModified", "cacheControl", "expiresAt", "stale"})
public record Fetch(
        String url,
        String fetchedAt,
        String method,
        String requestMethod,
        Integer statusCode,
        String cacheOutcome,
        String etag,
        String lastModified,
        String cacheControl,
        String expiresAt,
        Boolean stale,
        @JsonIgnore String staleReason) {
}
