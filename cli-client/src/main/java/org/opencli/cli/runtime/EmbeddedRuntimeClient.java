package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.opencli.cli.auth.TerminalAuthorizer;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeEngines;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.instance.StateLayout;
import org.opencli.core.json.Json;
import org.opencli.core.observe.TraceparentObserver;
import org.opencli.core.workflow.WorkflowRunRequest;

/**
 * The engine in-process. Loaded only by name from {@link RuntimeResolver}, so the engine, the
 * OpenAPI parser and their dependencies are never linked when the CLI talks to a daemon. Answers go
 * through {@link Json#MAPPER}, the daemon's mapper, so both topologies print identical JSON.
 */
public final class EmbeddedRuntimeClient implements RuntimeClient {
    private final RuntimeEngine engine;
    private final CatalogCopies copies;

    /** {@code cacheDir}: the instance's cache, by the rule the daemon uses ({@code CacheLocation}). */
    public EmbeddedRuntimeClient(Path configPath, String instanceId, Path stateRoot, Path cacheDir) {
        StateLayout layout = new StateLayout(stateRoot, instanceId);
        this.engine = RuntimeEngines.create(new EngineSettings(configPath, false, instanceId, stateRoot,
                cacheDir, layout.defaultAuditPath(), "embedded", Clock.systemUTC()),
                ExecutionSetup.defaults().withInteractiveAuthorizer(TerminalAuthorizer.forTerminal())
                        .withObserver(new TraceparentObserver(CliTrace.TRACE)));
        this.copies = CatalogCopies.forInstance(stateRoot, instanceId);
    }

    /** Ends the engine with the command: its audit store writes what is queued and releases the trail's writer lock. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public JsonNode catalog(String configPath, String mode, String agentProfile) {
        String config = absolute(configPath);
        JsonNode answer = answer(() -> engine.effectiveCatalog(new CatalogQuery(config, mode, agentProfile)));
        keep(CatalogCopies.embeddedKey(config, mode, agentProfile), answer);
        return answer;
    }

    /**
     * Keeps the answer as a catalog copy, as a remote runtime's answers are kept, so shell completion
     * finds the catalog's words without building it. Never fails the call: no copy only means
     * completion offers the built-ins until the next call keeps one.
     */
    private void keep(CatalogCopies.Key key, JsonNode answer) {
        try {
            copies.write(key, CatalogCopies.EMBEDDED, Json.MAPPER.writeValueAsBytes(answer));
        } catch (java.io.IOException | RuntimeException e) {
            // see above: a copy not kept costs completion only
        }
    }

    @Override
    public JsonNode refresh(String configPath, String source, java.util.function.Consumer<JsonNode> progress) {
        return answer(() -> engine.prepareRefresh(new org.opencli.core.engine.RefreshQuery(absolute(configPath), source),
                org.opencli.core.auth.Caller.anonymous()).run(s -> progress.accept(Json.MAPPER.valueToTree(s))));
    }

    @Override
    public JsonNode runtimeInfo() {
        return answer(() -> engine.runtimeInfo(null));
    }

    @Override
    public JsonNode execute(ExecuteRequest request) {
        String config = request.configPath() == null ? null
                : Path.of(request.configPath()).toAbsolutePath().normalize().toString();
        ExecuteRequest absolute = new ExecuteRequest(config, request.mode(), request.agentProfile(), request.toolId(),
                request.pathArgs(), request.flags(), request.body(), request.bodyContentType(), request.approval(),
                request.dryRun(), request.rawResponse());
        return answer(() -> {
            java.util.concurrent.CompletableFuture<?> answer = engine.execute(absolute).toCompletableFuture();
            CallAbort.onAbort(() -> answer.cancel(true)); // the engine cancels the execution with it
            return join(answer);
        });
    }

    @Override
    public JsonNode runWorkflow(WorkflowRunRequest request) {
        WorkflowRunRequest absolute = new WorkflowRunRequest(absolute(request.configPath()), request.mode(),
                request.agentProfile(), request.workflowId(), request.inputs(), request.approval(), request.execute());
        return answer(() -> join(engine.runWorkflow(absolute)));
    }

    private static String absolute(String configPath) {
        return configPath == null ? null : Path.of(configPath).toAbsolutePath().normalize().toString();
    }

    private static Object join(java.util.concurrent.CompletionStage<?> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    @Override
    public String location() {
        return "embedded";
    }

    private static JsonNode answer(Supplier<Object> call) {
        try {
            return Json.MAPPER.valueToTree(call.get());
        } catch (OcliException e) {
            throw new ProblemException(e.toProblem());
        }
    }
}
