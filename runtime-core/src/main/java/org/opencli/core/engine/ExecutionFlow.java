package org.opencli.core.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.auth.Caller;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.PolicyConfig;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.config.ServiceConfig;
import org.opencli.core.config.ServiceTimeouts;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.RequestDraft;
import org.opencli.core.execution.RequestRenderer;
import org.opencli.core.execution.ResultShaper;
import org.opencli.core.execution.RetryingSender;
import org.opencli.core.execution.ServerSelection;
import org.opencli.core.mcp.McpArguments;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StatusClass;
import org.opencli.core.observe.StepKind;
import org.opencli.core.policy.PolicyGate;
import org.opencli.core.secrets.Credentials;
import org.opencli.core.secrets.SecretEnvironment;
import org.opencli.core.text.CallerText;

/**
 * One {@code execute}: select config, catalog and view → find the tool → policy → render →
 * credentials → send with retries → shape → audit. Everything up to sending runs on the engine's
 * worker pool (config reads, secret commands, token calls block); the audit record is appended
 * before the returned stage completes, whatever the outcome. Watched by the engine's observer: one
 * {@link StepKind#EXECUTION} step per call, started on the caller's thread and ended with the audit
 * record's decision; policy, catalog build, upstream and MCP steps under it.
 */
final class ExecutionFlow {
    private record Prepared(String tool, RequestDraft draft, boolean idempotent, java.time.Duration responseTimeout,
            java.time.Duration connectTimeout, java.time.Duration totalTime, McpCall mcp) {
    }

    /** A {@code tools/call} of an mcp backend, instead of an HTTP request. */
    private record McpCall(String sourceId, SourceConfig source, LoadedConfig config, String toolName,
            Map<String, Object> arguments) {
    }

    private record Done(ExecuteResult value, Throwable error) {
    }

    private final RuntimeEngine engine;
    private final Executor workers;
    private final RetryingSender sender;
    private final Credentials credentials;
    private final AuditSink audit;
    private final ExecutionSettings execution;
    private final java.util.function.Function<String, String> env;
    private final InFlightExecutions inFlight = new InFlightExecutions();
    private final EngineObserver observer;
    // checked once per call: with nobody watching an execution costs no extra allocation
    private final boolean observed;

    ExecutionFlow(RuntimeEngine engine, Executor workers, RetryingSender sender, Credentials credentials, AuditSink audit,
                  ExecutionSettings execution, java.util.function.Function<String, String> env, EngineObserver observer) {
        this.observer = observer == null ? EngineObserver.NONE : observer;
        this.observed = this.observer != EngineObserver.NONE;
        this.engine = engine;
        this.workers = workers;
        this.sender = sender;
        this.credentials = credentials;
        this.audit = audit;
        this.execution = execution;
        this.env = env;
    }

    /** Bodies up to this size are shaped on the thread that received them. */
    static final int INLINE_SHAPE_BYTES = 32 * 1024;

    /**
     * Runs one execution. {@code resumeOn} is where the caller wants its answer delivered (a
     * daemon's request thread; null: the engine's workers), so a finished execution costs one
     * hand-off, not two. Preparation runs right here when everything it needs is already in memory
     * (config and catalog confirmed fresh, credentials from env or literals); otherwise on a worker.
     */
    CompletionStage<ExecuteResult> run(ExecuteRequest request, Caller caller, Executor resumeOn) {
        AuditTrail trail = new AuditTrail(request, caller, engine.settings().clock());
        // on the caller's thread, so a daemon's observer finds the request's own trace here
        if (observed) trail.step = observer.start(StepKind.EXECUTION, null);
        Executor resume = resumeOn == null ? workers : resumeOn;
        InFlightExecutions.Call call = inFlight.admit(trail, request.dryRun(), resume);
        if (call == null) return ended(trail, refusedAtShutdown(trail, request, resume));
        run(request, caller, trail, resume, call).whenComplete((value, error) -> {
            inFlight.finished(call);
            if (error == null) call.answer().complete(value);
            else call.answer().completeExceptionally(error);
        });
        return ended(trail, call.answer());
    }

    /** Ends the execution's step as its answer is given (before the caller sees it), with what its audit record says. */
    private CompletionStage<ExecuteResult> ended(AuditTrail trail, CompletionStage<ExecuteResult> answer) {
        if (!observed) return answer;
        CompletableFuture<ExecuteResult> source = answer.toCompletableFuture();
        // linked: the caller going away cancels the answer it holds, and that must still reach the call
        return org.opencli.core.execution.Cancellation.linked(source, source.whenComplete((value, error) -> {
            String decision = trail.decision;
            String reason = trail.reason;
            if (decision == null) { // no record of its own (one the store could not take): as the record would say
                Throwable cause = unwrap(error);
                decision = cause == null ? "allow" : "error";
                reason = cause == null ? "ok" : cause instanceof OcliException e ? e.code() : "execution_error";
            }
            trail.step.tag("decision", decision).tag("reason", reason).tag("status_class", StatusClass.of(trail.statusCode))
                    .end(decision);
        }));
    }

    /** A stopping runtime sends nothing new; the refusal is recorded while the store is still open. */
    private CompletionStage<ExecuteResult> refusedAtShutdown(AuditTrail trail, ExecuteRequest request, Executor resume) {
        OcliException refusal = InFlightExecutions.refusal();
        return audit.append(trail.record(refusal, request.dryRun())).handleAsync((ignored, auditError) -> {
            throw refusal;
        }, resume);
    }

    private CompletionStage<ExecuteResult> run(ExecuteRequest request, Caller caller, AuditTrail trail, Executor resume,
                                               InFlightExecutions.Call call) {
        int[] retries = {0};
        CompletableFuture<ExecuteResult> result = prepared(request, caller, trail)
                .thenCompose(prepared -> {
                    // the caller went away while this was prepared: nothing is sent
                    if (call.cancelled()) return CompletableFuture.<ExecuteResult>failedFuture(InFlightExecutions.callerCancelled());
                    if (prepared.mcp() != null) return callMcp(prepared, request.dryRun(), trail, call);
                    if (request.dryRun()) {
                        return CompletableFuture.completedFuture(new ExecuteResult(null, null, null, null, null, null,
                                prepared.draft().toRedacted()));
                    }
                    return sender.send(prepared.draft().toUpstream(prepared.responseTimeout(), prepared.connectTimeout()),
                            prepared.idempotent(), retries, prepared.totalTime(), trail.step, prepared.tool())
                            .thenCompose(outcome -> {
                                trail.statusCode = outcome.response().statusCode();
                                // A small body is shaped where the response arrived (a thread hop costs
                                // more than parsing it); a large one (up to maxResponseBytes) is parsed
                                // on a worker, never on an event loop.
                                if (outcome.response().body().length <= INLINE_SHAPE_BYTES) {
                                    return CompletableFuture.completedFuture(
                                            ResultShaper.shape(outcome.response(), outcome.retryCount(), request.rawResponse()));
                                }
                                return CompletableFuture.supplyAsync(
                                        () -> ResultShaper.shape(outcome.response(), outcome.retryCount(), request.rawResponse()), workers);
                            });
                });
        return result.handle((value, error) -> new Done(value, cancelledByCaller(unwrap(error), call)))
                .thenCompose(done -> {
                    Throwable error = done.error();
                    // cut off by a shutdown meanwhile: the drain wrote the record and answers the caller
                    if (!call.claim()) return CompletableFuture.<ExecuteResult>failedFuture(InFlightExecutions.refusal());
                    trail.retryCount = retries[0];
                    // continue where the caller asked, never on the audit store's own threads
                    return audit.append(trail.record(error, request.dryRun())).handleAsync((ignored, auditError) -> {
                        if (error != null) throw asCompletion(error);
                        if (auditError != null) {
                            throw new OcliException(ErrorKind.INTERNAL, "audit_unavailable", "Audit log unavailable",
                                    "the call was made but its audit record could not be written", java.util.List.of(), auditError);
                        }
                        return done.value();
                    }, resume);
                });
    }

    /**
     * The send step of an mcp tool: {@code tools/call} within the execution's total time, answered
     * where the server's answer arrived (the result is small and already parsed).
     */
    private CompletableFuture<ExecuteResult> callMcp(Prepared prepared, boolean dryRun, AuditTrail trail,
                                                     InFlightExecutions.Call inFlight) {
        McpCall call = prepared.mcp();
        if (dryRun) {
            return CompletableFuture.completedFuture(new ExecuteResult(null, null, null, null, null, null,
                    new ExecuteResult.RenderedRequest("tools/call", trail.targetBaseUrl + "/" + call.toolName(), null,
                            org.opencli.core.json.Json.write(call.arguments()))));
        }
        ObservedStep step = observer.start(StepKind.MCP_CALL, trail.step);
        if (observed) {
            step.tag("tool", prepared.tool()).tag("source", call.sourceId());
            if (call.source().transport() != null && call.source().transport().type() != null) {
                step.tag("transport", call.source().transport().type());
            }
        }
        CompletableFuture<ExecuteResult> sent;
        try {
            sent = engine.mcp().call(call.sourceId(), call.source(), call.config(), call.toolName(), call.arguments(),
                    prepared.totalTime(), step.propagationHeaders());
        } catch (RuntimeException e) {
            step.end("error");
            throw e;
        }
        inFlight.sending(sent); // the caller going away cancels the tools/call (the server is told)
        return sent.whenComplete((result, error) -> step.end(error == null ? "ok" : "error")).thenApply(result -> {
            trail.statusCode = result.statusCode();
            return result;
        });
    }

    /** A send step cancelled because the caller went away is recorded as that, not as a failure. */
    private static Throwable cancelledByCaller(Throwable error, InFlightExecutions.Call call) {
        return error instanceof java.util.concurrent.CancellationException && call.cancelled() ? InFlightExecutions.callerCancelled()
                : error;
    }

    /** See {@link InFlightExecutions#drain}; returns how many executions were cut off. */
    int drain(java.time.Duration grace) {
        return inFlight.drain(grace, audit);
    }

    /** Prepares inline when nothing would block, else on a worker (config reads, secret commands, token calls). */
    private CompletableFuture<Prepared> prepared(ExecuteRequest request, Caller caller, AuditTrail trail) {
        CatalogQuery query = new CatalogQuery(request.configPath(), request.mode(), request.agentProfile());
        RuntimeEngine.Selection recent = request.toolId() == null ? null : engine.selectedIfRecent(query);
        if (recent != null && resolvesInMemory(recent, request.toolId())) {
            try {
                requireRunnable(request);
                return CompletableFuture.completedFuture(prepare(request, caller, trail, recent));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            requireRunnable(request);
            return prepare(request, caller, trail, engine.selected(query, trail.step));
        }, workers);
    }

    private boolean resolvesInMemory(RuntimeEngine.Selection selection, String toolId) {
        Tool tool = selection.build().tool(toolId).orElse(null);
        return tool == null || credentials.resolvesInMemory(tool, selection.config().config().secrets());
    }

    private void requireRunnable(ExecuteRequest request) {
        if (request.toolId() == null || request.toolId().isBlank()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_arguments", "Invalid arguments", "toolId is required");
        }
        if (!audit.healthy()) { // fail closed: nothing is sent while its record could not be kept
            throw new OcliException(ErrorKind.INTERNAL, "audit_unavailable", "Audit log unavailable",
                    "the audit store cannot write, so executions are refused until it recovers");
        }
    }

    private Prepared prepare(ExecuteRequest request, Caller caller, AuditTrail trail, RuntimeEngine.Selection selection) {
        Tool tool = selection.build().tool(request.toolId()).orElseThrow(() -> new OcliException(
                ErrorKind.NOT_FOUND, "unknown_tool", "Unknown tool", "no tool " + CallerText.bounded(request.toolId()) + " in the catalog"));
        trail.serviceId = tool.serviceId();
        trail.method = tool.method().toUpperCase(java.util.Locale.ROOT);
        trail.path = tool.path();
        trail.step.tag("tool", tool.id()); // a catalog id, never the caller's unchecked text
        LoadedConfig config = selection.config();
        decidePolicy(request, caller, trail, selection, tool);
        if (tool.backend() != null && tool.backend().isMcp()) return prepareMcp(request, trail, tool, config);
        String baseUrl = ServerSelection.baseUrl(tool, selection.build().catalog(), config);
        trail.targetBaseUrl = baseUrl;
        RequestDraft draft = RequestRenderer.render(tool, request, baseUrl);
        trail.requestSize = draft.body() == null ? 0L : (long) draft.body().length;
        Map<String, SecretConfig> secrets = config.config().secrets();
        trail.authScheme = credentials.apply(tool, secrets, secretEnvironment(config), draft);
        ServiceTimeouts timeouts = serviceTimeouts(config, tool.serviceId());
        java.time.Duration response = timeouts == null || timeouts.responseMs() == null ? execution.responseTimeout()
                : java.time.Duration.ofMillis(timeouts.responseMs());
        java.time.Duration connect = timeouts == null || timeouts.connectMs() == null ? execution.connectTimeout()
                : java.time.Duration.ofMillis(timeouts.connectMs());
        java.time.Duration total = totalTime(timeouts);
        return new Prepared(tool.id(), draft, tool.safety() != null && tool.safety().idempotent(), response, connect, total, null);
    }

    /**
     * The envelope, then the policy gate: one {@link StepKind#POLICY_DECISION} step, tagged with the
     * decision and reason the audit record will carry; a refusal is a decision made ({@code ok}).
     */
    private void decidePolicy(ExecuteRequest request, Caller caller, AuditTrail trail, RuntimeEngine.Selection selection,
                              Tool tool) {
        ObservedStep step = observer.start(StepKind.POLICY_DECISION, trail.step);
        try {
            // The envelope comes first: a tool outside the caller's scopes gets no policy, secret or network work.
            engine.envelopes().require(selection, caller, tool, request.agentProfile(), "");
            // A dry run sends nothing, so it needs no approval; every deny still applies to it.
            PolicyGate.check(selection.config(), selection.response().view(), tool, request.approval() || request.dryRun());
        } catch (OcliException e) {
            boolean refused = e.kind() == ErrorKind.FORBIDDEN;
            step.tag("tool", tool.id()).tag("decision", refused ? "deny" : "error").tag("reason", e.code()).end(refused ? "ok" : "error");
            throw e;
        } catch (RuntimeException e) {
            step.tag("tool", tool.id()).tag("decision", "error").tag("reason", "execution_error").end("error");
            throw e;
        }
        step.tag("tool", tool.id()).tag("decision", "allow").tag("reason", "ok").end("ok");
    }

    /** The arguments are rendered and checked against the tool's schemas as an HTTP call's would be; nothing else applies. */
    private Prepared prepareMcp(ExecuteRequest request, AuditTrail trail, Tool tool, LoadedConfig config) {
        String sourceId = tool.backend().sourceId();
        SourceConfig source = config.config().sources() == null ? null : config.config().sources().get(sourceId);
        if (source == null || !source.isEnabled()) {
            throw new OcliException(ErrorKind.NOT_FOUND, "unknown_tool", "Unknown tool", "the mcp source " + sourceId
                    + " of " + tool.id() + " is no longer configured");
        }
        trail.targetBaseUrl = "mcp:" + sourceId;
        RequestDraft checked = RequestRenderer.render(tool, request, trail.targetBaseUrl);
        Map<String, Object> arguments = McpArguments.of(tool, request, checked);
        trail.requestSize = (long) org.opencli.core.json.Json.writeBytes(arguments).length;
        trail.authScheme = source.oauth() != null ? "oauth2" : null;
        java.time.Duration total = totalTime(serviceTimeouts(config, tool.serviceId()));
        return new Prepared(tool.id(), checked, false, null, null, total,
                new McpCall(sourceId, source, config, tool.backend().toolName(), arguments));
    }

    /** The service's {@code timeouts.totalMs}, else the runtime's maximum: one execution's whole budget. */
    private java.time.Duration totalTime(ServiceTimeouts timeouts) {
        return timeouts == null || timeouts.totalMs() == null ? execution.maxTotalTime() : java.time.Duration.ofMillis(timeouts.totalMs());
    }

    private static ServiceTimeouts serviceTimeouts(LoadedConfig config, String serviceId) {
        var services = config.config().services();
        ServiceConfig service = services == null ? null : services.get(serviceId);
        return service == null ? null : service.timeouts();
    }

    SecretEnvironment secretEnvironment(LoadedConfig config) {
        PolicyConfig policy = config.config().policy();
        boolean allowExec = policy != null && Boolean.TRUE.equals(policy.allowExecSecrets());
        EngineSettings s = engine.settings();
        Path tokenDir = s.stateDir() == null || s.instanceId() == null ? null
                : s.stateDir().resolve("instances").resolve(s.instanceId()).resolve("tokens");
        return new SecretEnvironment(env, config.baseDir(), allowExec, s.clock(), tokenDir, execution.secretCommandTimeout());
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof java.util.concurrent.CompletionException && error.getCause() != null) error = error.getCause();
        return error;
    }

    private static RuntimeException asCompletion(Throwable error) {
        return error instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(error);
    }
}
