package org.opencli.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.audit.syslog.ConfiguredSyslog;
import org.opencli.core.auth.AuthorizationEnvelope;
import org.opencli.core.auth.Caller;
import org.opencli.core.catalog.CatalogBuild;
import org.opencli.core.catalog.CatalogBuilder;
import org.opencli.core.catalog.EffectiveView;
import org.opencli.core.catalog.ViewSelector;
import org.opencli.core.config.AuditConfig;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.discovery.DocumentFetcher;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.JdkUpstreamClient;
import org.opencli.core.execution.RetryingSender;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.json.Json;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StepKind;
import org.opencli.core.secrets.Credentials;
import org.opencli.core.secrets.OAuthTokens;
import org.opencli.core.secrets.SecretResolver;
import org.opencli.core.text.Strings;

/**
 * The engine's front door. The daemon's REST resources and the CLI's embedded mode both call this
 * class, and both serialize its answers with {@link org.opencli.core.json.Json#MAPPER}, so the two
 * topologies return the same JSON for the same request.
 */
public final class RuntimeEngine implements AutoCloseable {
    public static final String CONTRACT_VERSION = "1.1";
    static final List<String> CAPABILITIES = List.of("catalog", "execute", "workflows", "audit-log", "audit",
            "audit-stream", "runtime-info", "refresh");
    static final List<String> AUTH_CAPABILITIES = List.of("brokered-auth", "authorization-envelope");

    /** What {@link #close} gives executions still running (a daemon drains with its own bound first). */
    static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(5);

    private final EngineSettings settings;
    private final ConfigCache configs;
    private final DocumentFetcher fetcher;
    private final CatalogBuilder builder;
    private final EngineObserver observer;
    private final CatalogCache catalogs;
    private final Map<String, Rendered> renderedCatalogs = new ConcurrentHashMap<>();

    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("ocli-exec"));
    // Retry delays and each execution's deadline; a deadline cancelled by a finished call is removed
    // at once, not kept queued for its whole 30 s.
    private final ScheduledExecutorService scheduler = retryScheduler();
    private final UpstreamClient upstream;
    private final AuditSink audit;
    private final ExecutionFlow execution;
    private final WorkflowFlow workflows;
    private final EnvelopeGuard envelopes;
    private final RefreshFlow refreshes;
    private final SharedRefreshes sharedRefreshes = new SharedRefreshes();
    /** Set by {@link #drain}: from then on no refresh starts. */
    private volatile boolean stopping;
    private final SecretResolver secrets;
    // created on the first mcp source a catalog build or call meets: no MCP class loads otherwise
    private volatile org.opencli.core.mcp.McpConnections mcp;
    private volatile Runnable mcpServersChanged = () -> {
    };

    /** Executes with the JDK HTTP client and the durable audit store at {@code settings.auditPath()}. */
    public RuntimeEngine(EngineSettings settings, ConfigLoader loader, DocumentFetcher fetcher) {
        this(settings, loader, fetcher, ExecutionSetup.defaults());
    }

    public RuntimeEngine(EngineSettings settings, ConfigLoader loader, DocumentFetcher fetcher,
                         UpstreamClient upstream, AuditSink audit) {
        this(settings, loader, fetcher, ExecutionSetup.defaults().withUpstream(upstream).withAudit(audit));
    }

    public RuntimeEngine(EngineSettings settings, ConfigLoader loader, DocumentFetcher fetcher, ExecutionSetup setup) {
        this.settings = settings;
        FreshnessWindow freshness = new FreshnessWindow(settings.fileCheckInterval());
        this.configs = new ConfigCache(loader, freshness);
        this.fetcher = fetcher;
        this.builder = new CatalogBuilder(fetcher, settings.clock(), this::mcpTools);
        this.observer = setup.observer();
        this.catalogs = new CatalogCache(settings.clock(), freshness);
        this.refreshes = new RefreshFlow(builder, catalogs, settings.clock());
        ExecutionSettings limits = setup.execution() == null ? ExecutionSettings.defaults() : setup.execution();
        this.upstream = setup.upstream() != null ? setup.upstream() : new JdkUpstreamClient(limits, workers);
        this.audit = setup.audit() != null ? setup.audit() : defaultAudit(settings, loader, setup);
        this.secrets = new SecretResolver(setup.keychainArgv(),
                new OAuthTokens(upstream, limits.responseTimeout(), setup.interactiveAuthorizer()));
        Credentials credentials = new Credentials(secrets);
        this.envelopes = new EnvelopeGuard(audit, settings.clock());
        // work an execution hands to the engine's threads takes the request's log context along
        java.util.concurrent.Executor handedOff = org.opencli.core.observe.HandOff.carrying(setup.handOff(), workers);
        this.execution = new ExecutionFlow(this, handedOff,
                new RetryingSender(upstream, scheduler, limits, settings.clock(), observer, setup.handOff()),
                credentials, audit, limits, setup.env(), observer);
        this.workflows = new WorkflowFlow(this, handedOff);
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * {@code POST /v1/tools/execute}. Never blocks the calling thread: config, catalog, policy,
     * secrets and audit work run on the engine's own threads. Fails with an {@link OcliException}
     * (wrapped in a CompletionException) carrying the stable code; every call leaves one audit record.
     */
    public CompletionStage<ExecuteResult> execute(ExecuteRequest request) {
        return execute(request, Caller.anonymous());
    }

    /** As {@link #execute(ExecuteRequest)}, on behalf of {@code caller} (principal, ids and scopes go to audit). */
    public CompletionStage<ExecuteResult> execute(ExecuteRequest request, Caller caller) {
        return execution.run(request, caller, null);
    }

    /**
     * As {@link #execute(ExecuteRequest, Caller)}, with the answer delivered on {@code resumeOn} (the
     * caller's own request thread, say, so no other thread sits between the audit store and the
     * response). {@code resumeOn} must not block.
     */
    public CompletionStage<ExecuteResult> execute(ExecuteRequest request, Caller caller, java.util.concurrent.Executor resumeOn) {
        return execution.run(request, caller, resumeOn);
    }

    /**
     * Records a call that an adapter (the {@code /mcp} endpoint) refused before it could become an
     * execute request — a tool name outside the caller's view, arguments that make no request — in
     * the record {@link #execute} writes for its own refusals, so no refused call goes unaudited.
     */
    public CompletionStage<Void> recordRefusal(ExecuteRequest request, Caller caller, OcliException refusal) {
        return audit.append(new AuditTrail(request, caller, settings.clock()).record(refusal, false));
    }

    /** The audit sink this engine writes to; the HTTP layer appends its own events (auth, sessions) here. */
    public AuditSink audit() {
        return audit;
    }

    /**
     * The durable audit store behind {@link #audit()} (query, feed, verify, healthy) for the HTTP layer.
     * Fails with {@code audit_not_queryable} when the engine was given another kind of sink or has no
     * audit path.
     */
    public DurableAuditLog auditLog() {
        if (audit instanceof DurableAuditLog log) return log;
        throw new OcliException(ErrorKind.NOT_FOUND, "audit_not_queryable", "Audit log not queryable",
                "this runtime writes its audit records to a sink that cannot be queried or followed");
    }

    /**
     * {@code POST /v1/workflows/run}: checks every step's tool and policy; with {@code execute}, runs
     * the steps in order through {@link #execute} (one audit record per step sent). Refusals before
     * any step ran fail the stage with an {@link OcliException}; step failures are in the result.
     */
    public CompletionStage<org.opencli.core.workflow.WorkflowRunResult> runWorkflow(
                                                                                    org.opencli.core.workflow.WorkflowRunRequest request) {
        return runWorkflow(request, Caller.anonymous());
    }

    /** As {@link #runWorkflow(org.opencli.core.workflow.WorkflowRunRequest)}; every step must lie in the caller's envelope. */
    public CompletionStage<org.opencli.core.workflow.WorkflowRunResult> runWorkflow(
                                                                                    org.opencli.core.workflow.WorkflowRunRequest request, Caller caller) {
        return workflows.run(request, caller);
    }

    /**
     * Graceful stop: new executions are refused ({@code shutting_down}, 503), those running get up
     * to {@code grace} to finish, and each one still running then is recorded and answered as cut
     * off ({@code shutdown_cut_off}). Every execution leaves its audit record before this returns
     * (while the store can write). Returns how many were cut off; calling it again is harmless.
     */
    public int drain(java.time.Duration grace) {
        stopping = true;
        return execution.drain(grace);
    }

    /** Stops the engine: drains executions (a short bound, after the daemon's own drain), then the audit writer, threads and upstream client. */
    @Override
    public void close() {
        drain(CLOSE_GRACE);
        if (mcp != null) mcp.close(); // ends the stdio servers this engine started
        workers.shutdown();
        scheduler.shutdown();
        audit.close();
        upstream.close();
    }

    /** {@code GET /v1/catalog/effective}. */
    public CatalogResponse effectiveCatalog(CatalogQuery query) {
        return selected(query).response();
    }

    /** {@code GET /v1/catalog/effective} for {@code caller}: with auth on, cut down to the caller's envelope. */
    public CatalogResponse effectiveCatalog(CatalogQuery query, Caller caller) {
        Selection selection = selected(query);
        AuthorizationEnvelope envelope = envelopes.envelope(selection, caller);
        return envelope == null ? selection.response() : envelopes.filter(selection, caller, envelope);
    }

    /** As {@link #effectiveCatalogJson(CatalogQuery)}; a filtered answer is serialized per request. */
    public byte[] effectiveCatalogJson(CatalogQuery query, Caller caller) {
        return effectiveCatalogAnswer(query, caller).json();
    }

    /**
     * The bytes of {@link #effectiveCatalogJson(CatalogQuery, Caller)} with their entity tag; an
     * unfiltered answer's tag is computed once per build and view, a filtered one's per request.
     */
    public CatalogAnswer effectiveCatalogAnswer(CatalogQuery query, Caller caller) {
        if (caller == null || !caller.authEnforced()) return renderedCatalog(query);
        return CatalogAnswer.of(Json.writeBytes(effectiveCatalog(query, caller)));
    }

    EnvelopeGuard envelopes() {
        return envelopes;
    }

    /** This engine's MCP connections, created on first need. */
    org.opencli.core.mcp.McpConnections mcp() {
        org.opencli.core.mcp.McpConnections current = mcp;
        if (current != null) return current;
        synchronized (this) {
            if (mcp == null) {
                mcp = new org.opencli.core.mcp.McpConnections(
                        config -> new org.opencli.core.mcp.McpSecrets(secrets, config.config().secrets(), execution.secretEnvironment(config)),
                        workers, settings.clock(), this::toolsChanged, this::mcpServersChanged);
            }
            return mcp;
        }
    }

    /** The stdio MCP servers this engine runs now (pids), for the instance registry. */
    public List<Long> mcpServerPids() {
        org.opencli.core.mcp.McpConnections current = mcp;
        return current == null ? List.of() : current.pids();
    }

    /** The health of each mcp source this engine has started (for metrics); empty before the first. */
    public List<org.opencli.core.mcp.McpSourceHealth> mcpSourceHealth() {
        org.opencli.core.mcp.McpConnections current = mcp;
        return current == null ? List.of() : current.health();
    }

    /**
     * Told whenever a stdio MCP server of this engine starts or ends (see {@link #mcpServerPids}), on
     * a thread that may block briefly: the daemon records the pids in its instance registry entry.
     */
    public void onMcpServersChanged(Runnable listener) {
        this.mcpServersChanged = listener;
    }

    /** A listener's failure (the registry file unwritable) is logged; it never fails the server's start. */
    private void mcpServersChanged() {
        try {
            mcpServersChanged.run();
        } catch (RuntimeException e) {
            System.getLogger(RuntimeEngine.class.getName()).log(System.Logger.Level.WARNING,
                    "could not record the MCP server processes: " + e.getMessage());
        }
    }

    /** An MCP server said its tools changed: every catalog is built again on its next use. */
    private void toolsChanged() {
        catalogs.invalidate();
        renderedCatalogs.clear();
    }

    /**
     * The same answer as {@link #effectiveCatalog}, already serialized. A large catalog (thousands
     * of tools) costs far more to serialize than to look up, so the bytes are kept per build and view.
     */
    public byte[] effectiveCatalogJson(CatalogQuery query) {
        return renderedCatalog(query).json();
    }

    private CatalogAnswer renderedCatalog(CatalogQuery query) {
        Selection selection = selected(query);
        String key = selection.cacheKey() + "|" + selection.response().view().name();
        Rendered rendered = renderedCatalogs.get(key);
        if (rendered == null || rendered.build() != selection.build()) {
            rendered = new Rendered(selection.build(), CatalogAnswer.of(Json.writeBytes(selection.response())));
            renderedCatalogs.put(key, rendered);
        }
        return rendered.answer();
    }

    record Selection(String cacheKey, CatalogBuild build, CatalogResponse response, LoadedConfig config) {
    }

    private record Rendered(CatalogBuild build, CatalogAnswer answer) {
    }

    Selection selected(CatalogQuery query) {
        return selected(query, null);
    }

    /** As {@link #selected(CatalogQuery)}; a catalog built for it is a step under {@code parent} (null: the observer's choice). */
    Selection selected(CatalogQuery query, ObservedStep parent) {
        LoadedConfig config = loadConfig(query.configPath());
        String key = cacheKey(config);
        CatalogBuild build = catalogs.get(key, () -> build(config, parent));
        return selection(query, key, build, config);
    }

    /** One catalog build: a {@link StepKind#CATALOG_BUILD} step, its document fetches steps under it. */
    private CatalogBuild build(LoadedConfig config, ObservedStep parent) {
        if (observer == EngineObserver.NONE) return builder.build(config);
        ObservedStep step = observer.start(StepKind.CATALOG_BUILD, parent);
        CatalogBuild built;
        try {
            built = new CatalogBuilder(new ObservedDocuments(fetcher, observer, step), settings.clock(), this::mcpTools).build(config);
        } catch (RuntimeException e) {
            step.end("error");
            throw e;
        }
        step.end("ok");
        return built;
    }

    private com.fasterxml.jackson.databind.JsonNode mcpTools(String id, org.opencli.core.config.SourceConfig source, LoadedConfig config) {
        return mcp().document(id, source, config);
    }

    /**
     * As {@link #selected}, but only from what is already in memory and confirmed fresh within the
     * file-check window; null when answering would touch a file (then call {@link #selected} where
     * blocking is allowed).
     */
    Selection selectedIfRecent(CatalogQuery query) {
        String requested = query.configPath();
        Path path;
        if (requested == null || requested.isBlank()) {
            path = settings.defaultConfig();
            if (path == null) return null;
        } else {
            path = ConfigPaths.of(requested);
            if (settings.pinConfig() && !path.equals(settings.defaultConfig())) return null; // refused on the slow path
        }
        LoadedConfig config = configs.recent(path);
        if (config == null) return null;
        String key = cacheKey(config);
        CatalogBuild build = catalogs.recent(key);
        return build == null ? null : selection(query, key, build, config);
    }

    private static Selection selection(CatalogQuery query, String key, CatalogBuild build, LoadedConfig config) {
        EffectiveView view = ViewSelector.select(build.catalog(), config.config(), Strings.blankToNull(query.mode()),
                Strings.blankToNull(query.agentProfile()));
        return new Selection(key, build, new CatalogResponse(build.catalog(), view), config);
    }

    /**
     * {@code GET|POST /v1/refresh} and {@code ocli refresh} (embedded): revalidates every remote
     * document of the config's enabled sources (or of {@code query.source()} alone), rebuilds the
     * catalog and says each source's outcome. Blocking (it fetches); one {@code catalog_refresh}
     * audit record names the caller and the outcome counts.
     */
    public RefreshReport refresh(RefreshQuery query, Caller caller) {
        return prepareRefresh(query, caller).run(source -> {
        });
    }

    /**
     * {@link #refresh} in two steps, so a streaming answer can refuse bad input before it starts:
     * this loads the config and checks {@code query.source()} (nothing fetched; refusals are thrown
     * here), {@link RefreshRun#run} does the rest and tells its listener each source's outcome as it
     * is known.
     */
    public RefreshRun prepareRefresh(RefreshQuery query, Caller caller) {
        // a refresh begun while stopping would fetch past the drain, and its record could miss the closing audit store
        if (stopping) {
            throw new OcliException(ErrorKind.UNAVAILABLE, "shutting_down", "Runtime shutting down",
                    "this runtime is stopping and starts no refresh; refresh the runtime that replaces it");
        }
        LoadedConfig config = loadConfig(query.configPath());
        Map<String, org.opencli.core.config.SourceConfig> chosen = RefreshFlow.chosen(config,
                Strings.blankToNull(query.source()));
        Caller who = caller == null ? Caller.anonymous() : caller;
        return new RefreshRun(progress -> {
            String key = cacheKey(config);
            RefreshReport report = sharedRefreshes.run(key + '\u0000' + String.join(",", chosen.keySet()),
                    shared -> refreshes.refresh(config, key, chosen, shared), progress);
            auditRefresh(report, who);
            return report;
        });
    }

    private void auditRefresh(RefreshReport report, Caller caller) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (RefreshReport.SourceRefresh s : report.sources()) {
            counts.merge(s.cacheOutcome() == null ? "local" : s.cacheOutcome(), 1L, Long::sum);
        }
        String reason = !report.catalogRebuilt() || counts.containsKey("failed") ? "failed"
                : counts.containsKey("stale_hit") ? "stale" : "ok";
        org.opencli.core.audit.AuditRecord record = org.opencli.core.audit.AuditRecord
                .event(settings.clock().instant().toString(), org.opencli.core.audit.AuditRecord.CATALOG_REFRESH)
                .withCaller(caller.principal(), caller.clientId(), caller.sessionId(), caller.requestId())
                .withActors(caller.actors())
                .withIdentity(caller.subjectId(), caller.tenantId())
                .withDecision("allow", reason, null)
                .withDetail(report.sources().size() + " source(s): " + counts + (report.catalogRebuilt() ? ""
                        : "; catalog not rebuilt"));
        try {
            audit.append(record).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the refresh already happened; the answer still says what it did
            System.getLogger(RuntimeEngine.class.getName()).log(System.Logger.Level.WARNING,
                    "could not record the refresh in the audit log (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code GET /v1/runtime/info}; {@code url} is where this runtime is reachable (null when embedded). */
    public RuntimeInfo runtimeInfo(String url) {
        RuntimeInfo.Auth auth = new RuntimeInfo.Auth(false, null, List.of(), List.of(),
                new RuntimeInfo.BrowserLogin(false, null), null, null);
        return runtimeInfo(url, auth);
    }

    /** {@code GET /v1/runtime/info} with the daemon's auth description; auth on adds its capabilities. */
    public RuntimeInfo runtimeInfo(String url, RuntimeInfo.Auth auth) {
        List<String> capabilities = CAPABILITIES;
        if (auth.required()) {
            capabilities = new java.util.ArrayList<>(CAPABILITIES);
            capabilities.addAll(AUTH_CAPABILITIES);
        }
        return new RuntimeInfo(CONTRACT_VERSION, capabilities, settings.instanceId(), url, settings.runtimeMode(),
                str(settings.auditPath()), str(settings.stateDir()), str(settings.cacheDir()),
                str(settings.defaultConfig()), auth, Map.of("pid", ProcessHandle.current().pid()));
    }

    /** Resolves which config a request uses, honouring the daemon's default and pinning. */
    LoadedConfig loadConfig(String requested) {
        Path path = resolveConfigPath(requested);
        return configs.load(path);
    }

    Path resolveConfigPath(String requested) {
        Path fallback = settings.defaultConfig();
        if (requested == null || requested.isBlank()) {
            if (fallback == null) {
                throw new OcliException(ErrorKind.BAD_REQUEST, "config_required", "No config given",
                        "this runtime was started without --config, so each request must name one (config=PATH)");
            }
            return fallback;
        }
        Path path = ConfigPaths.of(requested);
        if (settings.pinConfig() && fallback != null && !path.equals(fallback)) {
            throw new OcliException(ErrorKind.FORBIDDEN, "config_pinned", "Config is pinned",
                    "this runtime serves only its own config " + fallback + "; requests may not name another");
        }
        if (!Files.isRegularFile(path)) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "config_not_found", "Config not found",
                    "no config file at " + path);
        }
        return path;
    }

    private static String cacheKey(LoadedConfig config) {
        return config.files() + "#" + config.fingerprint();
    }

    /**
     * The durable store at the audit path, set up from the {@code audit} block of the config this
     * engine starts with (its default config); defaults when there is none or it cannot be read yet.
     */
    private static AuditSink defaultAudit(EngineSettings settings, ConfigLoader loader, ExecutionSetup setup) {
        Path path = settings.auditPath();
        if (path == null && settings.stateDir() != null && settings.instanceId() != null) {
            path = settings.stateDir().resolve("instances").resolve(settings.instanceId()).resolve("audit.log");
        }
        if (path == null) return record -> CompletableFuture.completedFuture(null); // nowhere configured
        AuditConfig config = auditConfig(settings, loader);
        List<AuditExporter> exporters = new java.util.ArrayList<>(configuredExporters(config, path));
        if (setup.auditExporters() != null) exporters.addAll(setup.auditExporters().apply(config));
        return new DurableAuditLog(path, AuditSettings.from(config), settings.instanceId(), settings.clock(), exporters);
    }

    /**
     * The exporters the config's {@code audit} block asks for ({@code audit.syslog}). One that cannot
     * start (its backlog directory is locked by another process, a bad trust store) is logged and
     * left out: shipping never stops the local record, which stays the record of truth.
     */
    private static List<AuditExporter> configuredExporters(AuditConfig config, Path auditFile) {
        try {
            return ConfiguredSyslog.exporters(config, auditFile);
        } catch (RuntimeException e) {
            System.getLogger(RuntimeEngine.class.getName()).log(System.Logger.Level.WARNING,
                    "audit.syslog: the syslog exporter could not start (" + e.getMessage()
                            + "); audit records are written locally but not shipped");
            return List.of();
        }
    }

    private static AuditConfig auditConfig(EngineSettings settings, ConfigLoader loader) {
        if (settings.defaultConfig() == null || !Files.isRegularFile(settings.defaultConfig())) return null;
        try {
            return loader.load(settings.defaultConfig()).config().audit();
        } catch (RuntimeException e) {
            // an invalid config fails every request that uses it, with its own error; audit stays on defaults
            return null;
        }
    }

    private static ScheduledExecutorService retryScheduler() {
        java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("ocli-retry"));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }
}
