package org.opencli.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What an explicit refresh did: each source's cache outcome (the most telling of its documents'),
 * and whether the catalog was rebuilt from them. {@code catalogRebuilt} false means some source
 * failed with nothing cached to fall back on: the catalog served before the refresh stays served.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"refreshedAt", "catalogRebuilt", "sources"})
public record RefreshReport(String refreshedAt, boolean catalogRebuilt, List<SourceRefresh> sources) {

    /**
     * One source. {@code cacheOutcome} is a {@link org.opencli.core.discovery.FetchOutcome} wire name
     * ({@code failed} when the source could not be read; absent for sources without remote documents:
     * local files, MCP servers); {@code forced} whether this refresh revalidated it (every source, or the one
     * asked for; the others were read as usual); {@code reason} says why a source is stale or failed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "type", "uri", "cacheOutcome", "statusCode", "stale", "forced", "reason", "detail",
            "documents"})
    public record SourceRefresh(String id, String type, String uri, String cacheOutcome, Integer statusCode,
            boolean stale, boolean forced, String reason, String detail, List<DocumentRefresh> documents) {
    }

    /** One remote document of a source, in the order discovery read them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"url", "cacheOutcome", "statusCode", "stale", "reason", "cacheControl", "expiresAt"})
    public record DocumentRefresh(String url, String cacheOutcome, Integer statusCode, boolean stale, String reason,
            String cacheControl, String expiresAt) {
    }

    public long count(String outcome) {
        return sources.stream().filter(s -> outcome.equals(s.cacheOutcome())).count();
    }
}
