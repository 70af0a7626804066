package org.opencli.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.catalog.openapi.ExternalRefs;
import org.opencli.core.catalog.openapi.IgnoredOperation;
import org.opencli.core.catalog.openapi.IndexedDocument;
import org.opencli.core.catalog.openapi.OpenApiIndexer;
import org.opencli.core.catalog.openapi.OpenApiValidator;
import org.opencli.core.catalog.overlay.OverlayApplier;
import org.opencli.core.catalog.skills.SkillManifests;
import org.opencli.core.catalog.views.ToolPattern;
import org.opencli.core.catalog.views.ViewBuilder;
import org.opencli.core.catalog.workflow.ArazzoWorkflows;
import org.opencli.core.config.CliConfig;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.ServiceConfig;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.discovery.DiscoveredService;
import org.opencli.core.discovery.DocumentFetcher;
import org.opencli.core.discovery.FetchedDocument;
import org.opencli.core.discovery.RawDocuments;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Config + sources → catalog. Per enabled source (config order): read or discover its documents;
 * per service over it: apply overlays to the raw tree, index tools, gather skill guidance; then
 * bind workflows across the whole catalog, apply {@code policy.approvalRequired}, build views.
 */
public final class CatalogBuilder {
    private final DocumentFetcher fetcher;
    private final Clock clock;
    private final McpToolSource mcp;

    public CatalogBuilder(DocumentFetcher fetcher, Clock clock) {
        this(fetcher, clock, null);
    }

    /** {@code mcp}: where mcp sources' tools come from (null: mcp sources list no tools). */
    public CatalogBuilder(DocumentFetcher fetcher, Clock clock, McpToolSource mcp) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.mcp = mcp;
    }

    public CatalogBuild build(LoadedConfig config) {
        return build(config, false);
    }

    /**
     * Reads one source's discovery chain alone (its entry with provenance), without building a
     * catalog: what a refresh reports for each source when the whole build failed.
     */
    public CatalogSource readSource(LoadedConfig loaded, String id) {
        Map<String, SourceConfig> sources = loaded.config().sources() == null ? Map.of() : loaded.config().sources();
        SourceReader reader = new SourceReader(fetcher, clock, loaded.baseDir(), source -> false, new DocumentLog(), mcp,
                loaded);
        return reader.read(id, sources.get(id)).entry();
    }

    /** The sources (by identity: two equal configs are still two sources) whose ids {@code byId} accepts. */
    private static java.util.function.Predicate<SourceConfig> forced(Map<String, SourceConfig> sources,
                                                                     java.util.function.Predicate<String> byId) {
        java.util.Set<SourceConfig> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        sources.forEach((id, source) -> {
            if (byId.test(id)) chosen.add(source);
        });
        return chosen::contains;
    }

    /** @param forceRefresh revalidate every remote document, manual-only ones included */
    public CatalogBuild build(LoadedConfig loaded, boolean forceRefresh) {
        return build(loaded, id -> forceRefresh);
    }

    /**
     * @param forceRefresh which source ids have every remote document revalidated, manual-only ones
     *     included (an explicit refresh)
     */
    public CatalogBuild build(LoadedConfig loaded, java.util.function.Predicate<String> forceRefresh) {
        return build(loaded, forceRefresh, source -> {
        });
    }

    /**
     * As {@link #build(LoadedConfig, java.util.function.Predicate)}, telling {@code sourceRead} each
     * source's entry (with its provenance) as soon as its documents are read, in config order, before
     * the next source is read: what a refresh shows as progress. Called on this thread; must not throw.
     */
    public CatalogBuild build(LoadedConfig loaded, java.util.function.Predicate<String> forceRefresh,
                              java.util.function.Consumer<CatalogSource> sourceRead) {
        return build(loaded, forceRefresh, sourceRead, (id, failure) -> {
        });
    }

    /**
     * As {@link #build(LoadedConfig, java.util.function.Predicate, java.util.function.Consumer)}, also
     * telling {@code readFailed} which source's documents could not be read, and why, before the
     * failure ends the build: a refresh reports that source from it instead of asking its publisher
     * again. Called on this thread; must not throw.
     */
    public CatalogBuild build(LoadedConfig loaded, java.util.function.Predicate<String> forceRefresh,
                              java.util.function.Consumer<CatalogSource> sourceRead,
                              java.util.function.BiConsumer<String, OcliException> readFailed) {
        CliConfig cfg = loaded.config();
        DocumentLog log = new DocumentLog();
        Map<String, SourceConfig> sources = cfg.sources() == null ? Map.of() : cfg.sources();
        SourceReader reader = new SourceReader(fetcher, clock, loaded.baseDir(), forced(sources, forceRefresh), log, mcp, loaded);
        Map<String, ServiceConfig> configured = cfg.services() == null ? Map.of() : cfg.services();

        List<CatalogSource> sourceEntries = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<Tool> tools = new ArrayList<>();
        List<IgnoredOperation> ignored = new ArrayList<>();
        Map<String, Guidance> guidance = new LinkedHashMap<>();
        Map<String, List<FetchedDocument>> workflowDocs = new LinkedHashMap<>();
        Set<String> usedServiceIds = new HashSet<>();
        Map<String, String> disabledIds = new LinkedHashMap<>(); // tool id → mcp source, of disabledTools

        for (var s : sources.entrySet()) {
            if (!s.getValue().isEnabled()) continue;
            SourceReader.ReadSource read;
            try {
                read = reader.read(s.getKey(), s.getValue());
            } catch (OcliException failed) {
                readFailed.accept(s.getKey(), failed);
                throw failed;
            }
            RefDocuments refDocs = new RefDocuments(reader, s.getValue(), log);
            List<String> namedBy = configured.entrySet().stream()
                    .filter(e -> s.getKey().equals(e.getValue().source())).map(Map.Entry::getKey).toList();
            if (read.services().isEmpty()) {
                // MCP: list configured services, no tools yet.
                sourceEntries.add(read.entry());
                sourceRead.accept(read.entry());
                for (String id : namedBy) {
                    ServiceConfig sc = configured.get(id);
                    services.add(new Service(id, alias(sc, id), s.getKey(), id, List.of()));
                    usedServiceIds.add(id);
                }
                continue;
            }
            for (DiscoveredService api : read.services()) {
                // Several configured services may share one openapi source; an API catalog's items get derived ids.
                List<String> ids = read.services().size() == 1 && !namedBy.isEmpty() ? namedBy : nullList();
                for (String configuredId : ids) {
                    JsonNode tree = RawDocuments.parse(api.openapi(), fetcher.limits());
                    OpenApiValidator.requireHeader(tree, api.openapi().location());
                    // Bundled before overlays so overlay targets reach operations defined in other files.
                    ExternalRefs.bundle(tree, api.openapi().content(), api.openapi().location(), refDocs);
                    McpSourceTools mcpTools = McpSourceTools.isMcp(s.getValue()) ? new McpSourceTools(s.getKey(), s.getValue(), tree) : null;
                    String serviceId = configuredId != null ? configuredId
                            : unique(mcpTools != null ? s.getKey() : OpenApiIndexer.deriveServiceId(tree, api.openapi().location()), usedServiceIds);
                    usedServiceIds.add(serviceId);
                    ServiceConfig sc = configuredId == null ? null : configured.get(configuredId);
                    for (FetchedDocument overlay : concat(api.overlays(), fetchAll(reader, s.getValue(), sc == null ? null : sc.overlays(), log))) {
                        JsonNode actions = RawDocuments.parse(overlay, fetcher.limits());
                        if (mcpTools != null) mcpTools.checkOverlay(tree, actions, overlay.location());
                        OverlayApplier.apply(tree, actions, overlay.location());
                    }
                    IndexedDocument indexed = OpenApiIndexer.index(serviceId, s.getKey(), tree, api.openapi().location());
                    services.add(new Service(serviceId, alias(sc, serviceId), s.getKey(),
                            indexed.title() != null ? indexed.title() : serviceId, indexed.servers()));
                    if (mcpTools != null) {
                        tools.addAll(mcpTools.bind(indexed.tools(), tree, s.getValue().transport().type()));
                        ignored.addAll(mcpTools.ignored(serviceId));
                        mcpTools.disabledIds(serviceId, disabledIds);
                    } else {
                        tools.addAll(indexed.tools());
                    }
                    ignored.addAll(indexed.ignored());
                    for (FetchedDocument skill : concat(api.skills(), fetchAll(reader, s.getValue(), sc == null ? null : sc.skills(), log))) {
                        SkillManifests.collect(RawDocuments.parse(skill, fetcher.limits()), skill.location(), serviceId, guidance);
                    }
                    workflowDocs.computeIfAbsent(serviceId, k -> new ArrayList<>())
                            .addAll(concat(api.workflows(), fetchAll(reader, s.getValue(), sc == null ? null : sc.workflows(), log)));
                }
            }
            CatalogSource entry = SourceReader.withFetches(read.entry(), refDocs.fetched());
            sourceEntries.add(entry);
            sourceRead.accept(entry);
        }
        requireUniqueIds(tools);
        List<Tool> finished = finish(tools, guidance, cfg);
        DisabledToolPatterns.check(cfg, finished, disabledIds);
        ArazzoWorkflows binder = new ArazzoWorkflows(finished, ignored);
        List<Workflow> workflows = new ArrayList<>();
        workflowDocs.forEach((serviceId, docs) -> docs.forEach(d -> workflows.addAll(binder.bind(RawDocuments.parse(d, fetcher.limits()), d.location(), serviceId))));
        Catalog catalog = new Catalog(Catalog.VERSION, clock.instant().toString(), log.fingerprint(), sourceEntries,
                services, finished, workflows, ViewBuilder.build(finished, cfg));
        return new CatalogBuild(catalog, log.dependencies());
    }

    /** Attaches guidance and turns on approval for tools matching {@code policy.approvalRequired}. */
    private static List<Tool> finish(List<Tool> tools, Map<String, Guidance> guidance, CliConfig cfg) {
        List<String> approval = cfg.policy() == null || cfg.policy().approvalRequired() == null
                ? List.of() : cfg.policy().approvalRequired();
        List<Tool> out = new ArrayList<>(tools.size());
        for (Tool t : tools) {
            Tool x = guidance.containsKey(t.id()) ? t.withGuidance(guidance.get(t.id())) : t;
            if (!x.safety().requiresApproval() && ToolPattern.anyMatches(approval, x.id())) {
                x = x.withSafety(x.safety().withRequiresApproval(true));
            }
            out.add(x);
        }
        return out;
    }

    private static void requireUniqueIds(List<Tool> tools) {
        Map<String, Tool> seen = new HashMap<>();
        for (Tool t : tools) {
            Tool previous = seen.putIfAbsent(t.id(), t);
            if (previous != null) {
                throw new OcliException(ErrorKind.CONFIG, "duplicate_tool_id", "Duplicate tool id",
                        "tool id " + t.id() + " is derived from both " + previous.method() + " " + previous.path()
                                + " and " + t.method() + " " + t.path());
            }
        }
    }

    private static List<FetchedDocument> fetchAll(SourceReader reader, SourceConfig source, List<String> refs, DocumentLog log) {
        List<FetchedDocument> out = new ArrayList<>();
        if (refs == null) return out;
        for (String ref : refs) out.add(log.record(reader.fetcher().fetch(reader.request(source, ref, null))));
        return out;
    }

    private static List<FetchedDocument> concat(List<FetchedDocument> a, List<FetchedDocument> b) {
        List<FetchedDocument> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> nullList() {
        List<String> one = new ArrayList<>();
        one.add(null);
        return one;
    }

    private static String alias(ServiceConfig sc, String id) {
        return sc != null && sc.alias() != null && !sc.alias().isBlank() ? sc.alias() : id;
    }

    private static String unique(String id, Set<String> used) {
        if (!used.contains(id)) return id;
        int n = 2;
        while (used.contains(id + "-" + n)) n++;
        return id + "-" + n;
    }
}
