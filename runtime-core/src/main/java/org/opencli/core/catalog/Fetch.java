package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One document read while discovering a source. {@code method} is the discovery step
 * ({@code explicit}, {@code serviceRoot}, {@code apiCatalog}); {@code requestMethod} the HTTP verb
 * (absent for local files); {@code cacheOutcome} one of miss, fresh_hit, revalidated_hit, refreshed,
 * stale_hit (absent for local files).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"url", "fetchedAt", "method", "requestMethod", "statusCode", "cacheOutcome", "etag",
        "lastModified", "stale"})
public record Fetch(
        String url,
        String fetchedAt,
        String method,
        String requestMethod,
        Integer statusCode,
        String cacheOutcome,
        String etag,
        String lastModified,
        Boolean stale) {
}
