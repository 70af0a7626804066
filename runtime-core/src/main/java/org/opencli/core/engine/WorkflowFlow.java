package org.opencli.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.opencli.core.auth.Caller;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.Workflow;
import org.opencli.core.catalog.Workflow.WorkflowStep;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.policy.PolicyGate;
import org.opencli.core.workflow.ExpressionContext;
import org.opencli.core.workflow.RuntimeExpressions;
import org.opencli.core.workflow.StepCall;
import org.opencli.core.workflow.StepOutcome;
import org.opencli.core.workflow.StepOutcome.StepError;
import org.opencli.core.workflow.SuccessCriteria;
import org.opencli.core.workflow.WorkflowRunRequest;
import org.opencli.core.workflow.WorkflowRunResult;

/**
 * {@code POST /v1/workflows/run}. First every step is checked like an execution would be (tool
 * exists, {@link PolicyGate}), so a refusal is a problem before anything is sent. With
 * {@code execute}, the steps then run in order through {@link RuntimeEngine#execute} — each one
 * policy-checked and audited on its own — and the run stops at the first failing step.
 */
final class WorkflowFlow {
    private record Bound(WorkflowStep step, Tool tool) {
    }

    /** The checked steps and the workflow's own output definitions. */
    private record Plan(List<Bound> steps, JsonNode outputs) {
    }

    private final RuntimeEngine engine;
    private final Executor workers;

    WorkflowFlow(RuntimeEngine engine, Executor workers) {
        this.engine = engine;
        this.workers = workers;
    }

    CompletionStage<WorkflowRunResult> run(WorkflowRunRequest request, Caller caller) {
        return CompletableFuture.supplyAsync(() -> validate(request, caller), workers).thenCompose(plan -> {
            List<Bound> bound = plan.steps();
            if (!request.execute()) {
                List<StepOutcome> ready = bound.stream().map(b -> new StepOutcome(b.step().stepId(), b.tool().id(),
                        StepOutcome.READY, null, null, null)).toList();
                return CompletableFuture.completedFuture(new WorkflowRunResult(request.workflowId(), ready, null));
            }
            ExpressionContext ctx = new ExpressionContext(request.inputs() == null ? Map.of() : request.inputs(),
                    new HashMap<>(), null, null);
            return runFrom(0, plan, request, caller, ctx, new ArrayList<>());
        });
    }

    private Plan validate(WorkflowRunRequest request, Caller caller) {
        if (request.workflowId() == null || request.workflowId().isBlank()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_request", "Invalid request", "workflowId is required");
        }
        RuntimeEngine.Selection selection = engine.selected(new CatalogQuery(request.configPath(), request.mode(),
                request.agentProfile()));
        Workflow workflow = selection.build().catalog().workflows().stream()
                .filter(w -> request.workflowId().equals(w.workflowId())).findFirst()
                .orElseThrow(() -> new OcliException(ErrorKind.NOT_FOUND, "unknown_workflow", "Unknown workflow",
                        "no workflow " + request.workflowId() + " in the catalog"));
        List<Bound> bound = new ArrayList<>();
        for (WorkflowStep step : workflow.steps()) {
            String where = "workflow " + workflow.workflowId() + " step " + step.stepId() + ": ";
            if (step.toolId() == null) {
                throw new OcliException(ErrorKind.BAD_REQUEST, "workflow_step_unsupported", "Unsupported workflow step",
                        where + "calls another workflow, which this runtime does not run");
            }
            Tool tool = selection.build().tool(step.toolId()).orElseThrow(() -> new OcliException(
                    ErrorKind.NOT_FOUND, "unknown_tool", "Unknown tool", where + "no tool " + step.toolId() + " in the catalog"));
            engine.envelopes().require(selection, caller, tool, request.agentProfile(), where);
            try {
                PolicyGate.check(selection.config(), selection.response().view(), tool, request.approval());
            } catch (OcliException e) {
                throw new OcliException(e.kind(), e.code(), e.title(), where + e.detail(), e.items());
            }
            bound.add(new Bound(step, tool));
        }
        return new Plan(bound, workflow.outputs());
    }

    private CompletionStage<WorkflowRunResult> runFrom(int i, Plan plan, WorkflowRunRequest request, Caller caller,
                                                       ExpressionContext ctx, List<StepOutcome> done) {
        List<Bound> bound = plan.steps();
        if (i == bound.size()) {
            return CompletableFuture.completedFuture(new WorkflowRunResult(request.workflowId(), done,
                    outputs(plan.outputs(), ctx)));
        }
        Bound b = bound.get(i);
        CompletionStage<ExecuteResult> call;
        try {
            call = engine.execute(StepCall.request(b.step(), b.tool(), request, ctx), caller);
        } catch (OcliException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((result, error) -> outcome(b, ctx, result, unwrap(error)))
                .thenCompose(outcome -> {
                    done.add(outcome);
                    if (!StepOutcome.SUCCEEDED.equals(outcome.status())) {
                        for (Bound rest : bound.subList(i + 1, bound.size())) {
                            done.add(new StepOutcome(rest.step().stepId(), rest.tool().id(), StepOutcome.SKIPPED, null, null, null));
                        }
                        return CompletableFuture.completedFuture(new WorkflowRunResult(request.workflowId(), done, null));
                    }
                    ctx.stepOutputs().put(b.step().stepId(), outcome.outputs() == null ? Map.of() : outcome.outputs());
                    return runFrom(i + 1, plan, request, caller, ctx, done);
                });
    }

    private static StepOutcome outcome(Bound b, ExpressionContext ctx, ExecuteResult result, Throwable error) {
        String stepId = b.step().stepId();
        String toolId = b.tool().id();
        if (error != null) {
            StepError e = error instanceof OcliException oe
                    ? new StepError(oe.code(), oe.kind().httpStatus(), oe.detail())
                    : new StepError("internal", 500, String.valueOf(error.getMessage()));
            return new StepOutcome(stepId, toolId, StepOutcome.FAILED, null, null, e);
        }
        JsonNode body = result.body() != null ? result.body() : result.text() != null ? TextNode.valueOf(result.text()) : null;
        ExpressionContext withResponse = ctx.withResponse(result.statusCode(), body);
        try {
            String failed = SuccessCriteria.firstFailed(b.step().successCriteria(), withResponse);
            if (failed != null) {
                return new StepOutcome(stepId, toolId, StepOutcome.FAILED, result.statusCode(), null,
                        new StepError("workflow_criteria", null, "step " + stepId + ": success criterion not met: " + failed));
            }
            return new StepOutcome(stepId, toolId, StepOutcome.SUCCEEDED, result.statusCode(),
                    outputs(b.step().outputs(), withResponse), null);
        } catch (OcliException e) {
            return new StepOutcome(stepId, toolId, StepOutcome.FAILED, result.statusCode(), null,
                    new StepError(e.code(), e.kind().httpStatus(), "step " + stepId + ": " + e.detail()));
        }
    }

    /** An Arazzo {@code outputs} map of expressions → values; null when none are defined. */
    private static Map<String, JsonNode> outputs(JsonNode defs, ExpressionContext ctx) {
        if (defs == null || !defs.isObject() || defs.isEmpty()) return null;
        Map<String, JsonNode> out = new LinkedHashMap<>();
        defs.fields().forEachRemaining(e -> out.put(e.getKey(), RuntimeExpressions.resolveAll(e.getValue(), ctx)));
        return out;
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) error = error.getCause();
        return error;
    }
}
