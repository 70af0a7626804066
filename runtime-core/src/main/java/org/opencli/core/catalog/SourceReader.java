package org.opencli.core.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.discovery.DiscoveredService;
import org.opencli.core.discovery.Discovery;
import org.opencli.core.discovery.DocumentFetcher;
import org.opencli.core.discovery.FetchRequest;
import org.opencli.core.discovery.FetchedDocument;
import org.opencli.core.discovery.ServiceDiscovery;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** Reads one configured source: its catalog entry (with provenance) and the APIs it yields. */
final class SourceReader {
    record ReadSource(CatalogSource entry, List<DiscoveredService> services) {
    }

    private final DocumentFetcher fetcher;
    private final Clock clock;
    private final Path baseDir;
    private final java.util.function.Predicate<SourceConfig> forceRefresh;
    private final DocumentLog log;
    private final McpToolSource mcp;
    private final org.opencli.core.config.LoadedConfig config;

    SourceReader(DocumentFetcher fetcher, Clock clock, Path baseDir, boolean forceRefresh, DocumentLog log) {
        this(fetcher, clock, baseDir, source -> forceRefresh, log, null, null);
    }

    /**
     * {@code mcp} (null: none) lists mcp sources' tools for {@code config}; {@code forceRefresh} says
     * which sources' remote documents are revalidated whatever their freshness.
     */
    SourceReader(DocumentFetcher fetcher, Clock clock, Path baseDir, java.util.function.Predicate<SourceConfig> forceRefresh,
                 DocumentLog log, McpToolSource mcp,
                 org.opencli.core.config.LoadedConfig config) {
        this.mcp = mcp;
        this.config = config;
        this.fetcher = fetcher;
        this.clock = clock;
        this.baseDir = baseDir;
        this.forceRefresh = forceRefresh;
        this.log = log;
    }

    DocumentFetcher fetcher() {
        return fetcher;
    }

    FetchRequest request(SourceConfig source, String ref, String accept) {
        Integer maxAge = source.refresh() == null ? null : source.refresh().maxAgeSeconds();
        boolean manual = source.refresh() != null && Boolean.TRUE.equals(source.refresh().manualOnly());
        return new FetchRequest(ref, baseDir, "GET", accept, maxAge, manual, forceRefresh.test(source));
    }

    ReadSource read(String id, SourceConfig source) {
        String type = source.type() == null ? "openapi" : source.type();
        String at = clock.instant().toString();
        if (type.equals("mcp")) {
            // Without MCP connections (a builder outside an engine) the source is listed with no tools.
            if (mcp == null) return new ReadSource(new CatalogSource(id, type, null, new Provenance("mcp", at, List.of())), List.of());
            FetchedDocument doc = log.record(new FetchedDocument("mcp:" + id, "application/json",
                    org.opencli.core.json.Json.writeBytes(mcp.document(id, source, config)), null, null));
            return new ReadSource(new CatalogSource(id, type, null, new Provenance("mcp", at, List.of(fetch(doc, "mcp", at)))),
                    List.of(new DiscoveredService(doc.location(), doc, List.of(), List.of(), List.of())));
        }
        if (source.uri() == null || source.uri().isBlank()) {
            throw new OcliException(ErrorKind.CONFIG, "invalid_config", "Source without uri",
                    "sources." + id + ".uri is required for type " + type);
        }
        Discovery discovery = switch (type) {
            case "openapi" -> {
                FetchedDocument doc = fetcher.fetch(request(source, source.uri(), null));
                yield new Discovery(List.of(new DiscoveredService(source.uri(), doc, List.of(), List.of(), List.of())),
                        List.of(doc));
            }
            case "serviceRoot" -> new ServiceDiscovery(fetcher).serviceRoot(request(source, source.uri(), null));
            case "apiCatalog" -> new ServiceDiscovery(fetcher).apiCatalog(request(source, source.uri(), null));
            default -> throw new OcliException(ErrorKind.CONFIG, "invalid_config", "Unknown source type",
                    "sources." + id + ".type is " + type + " (expected openapi, serviceRoot, apiCatalog or mcp)");
        };
        String method = type.equals("openapi") ? "explicit" : type;
        List<Fetch> fetches = new ArrayList<>();
        for (FetchedDocument doc : discovery.fetches()) {
            log.record(doc);
            fetches.add(fetch(doc, method, at));
        }
        return new ReadSource(new CatalogSource(id, type, source.uri(), new Provenance(method, at, fetches)),
                discovery.services());
    }

    /** The source entry with {@code more} documents (e.g. external $ref targets) added to its provenance fetches. */
    static CatalogSource withFetches(CatalogSource entry, List<FetchedDocument> more) {
        if (more.isEmpty()) return entry;
        Provenance p = entry.provenance();
        List<Fetch> fetches = new ArrayList<>(p.fetches());
        for (FetchedDocument doc : more) fetches.add(fetch(doc, p.method(), p.at()));
        return new CatalogSource(entry.id(), entry.type(), entry.uri(), new Provenance(p.method(), p.at(), fetches));
    }

    private static Fetch fetch(FetchedDocument doc, String method, String at) {
        return new Fetch(doc.location(), doc.fetchedAt() == null ? at : doc.fetchedAt().toString(), method,
                doc.requestMethod(), doc.statusCode(), doc.cacheOutcome(), doc.etag(), doc.lastModified(),
                doc.cacheControl(), doc.expiresAt() == null ? null : doc.expiresAt().toString(),
                doc.stale() ? Boolean.TRUE : null, doc.staleReason());
    }
}
