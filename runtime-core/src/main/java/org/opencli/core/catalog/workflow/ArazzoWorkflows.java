package org.opencli.core.catalog.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.Workflow;
import org.opencli.core.catalog.openapi.IgnoredOperation;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Arazzo documents → workflows whose steps name tools. A step binds by {@code operationId}
 * (optionally {@code $sourceDescriptions.<name>.}-qualified) or {@code operationPath}
 * ({@code "GET /tickets"} or {@code "{$sourceDescriptions.x.url}#/paths/~1tickets/get"}), first
 * within the owning service, then across the catalog when unambiguous. Steps that call another
 * workflow ({@code workflowId}) carry no tool. A step binding to nothing or to an
 * {@code x-cli-ignore}d operation fails the build, naming workflow, step and file.
 */
public final class ArazzoWorkflows {
    private final List<Tool> tools;
    private final List<IgnoredOperation> ignored;

    public ArazzoWorkflows(List<Tool> tools, List<IgnoredOperation> ignored) {
        this.tools = tools;
        this.ignored = ignored;
    }

    public List<Workflow> bind(JsonNode arazzo, String location, String serviceId) {
        if (!arazzo.has("arazzo") || !arazzo.path("workflows").isArray()) {
            throw new OcliException(ErrorKind.CONFIG, "invalid_workflow", "Invalid workflow document",
                    location + ": expected an Arazzo document (\"arazzo\" and a \"workflows\" array)");
        }
        List<Workflow> out = new ArrayList<>();
        for (JsonNode wf : arazzo.get("workflows")) {
            String workflowId = wf.path("workflowId").asText(null);
            List<Workflow.WorkflowStep> steps = new ArrayList<>();
            for (JsonNode step : wf.path("steps")) {
                String stepId = step.path("stepId").asText(null);
                String toolId = step.has("workflowId") ? null : bindStep(step, location, serviceId, workflowId, stepId);
                steps.add(new Workflow.WorkflowStep(stepId, toolId, step.path("description").asText(null),
                        step.get("parameters"), step.get("requestBody"), step.get("successCriteria"), step.get("outputs")));
            }
            out.add(new Workflow(workflowId, serviceId, wf.path("summary").asText(null),
                    wf.path("description").asText(null), steps, wf.get("outputs")));
        }
        return out;
    }

    private String bindStep(JsonNode step, String location, String serviceId, String workflowId, String stepId) {
        String where = location + ": workflow " + workflowId + " step " + stepId;
        if (step.has("operationId")) {
            String opId = step.get("operationId").asText();
            if (opId.startsWith("$sourceDescriptions.")) opId = opId.substring(opId.lastIndexOf('.') + 1);
            String id = opId;
            return find(serviceId, t -> id.equals(t.operationId()))
                    .orElseThrow(() -> unbound(where, "operationId " + id, ignored.stream()
                            .filter(i -> id.equals(i.operationId())).findFirst()));
        }
        if (step.has("operationPath")) {
            String[] mp = methodAndPath(step.get("operationPath").asText());
            if (mp == null) throw unbound(where, "operationPath " + step.get("operationPath").asText(), Optional.empty());
            return find(serviceId, t -> t.method().equals(mp[0]) && t.path().equals(mp[1]))
                    .orElseThrow(() -> unbound(where, "operationPath " + mp[0] + " " + mp[1], ignored.stream()
                            .filter(i -> i.method().equals(mp[0]) && i.path().equals(mp[1])).findFirst()));
        }
        throw unbound(where, "no operationId, operationPath or workflowId", Optional.empty());
    }

    private Optional<String> find(String serviceId, Predicate<Tool> match) {
        List<Tool> own = tools.stream().filter(t -> t.serviceId().equals(serviceId)).filter(match).toList();
        if (own.size() == 1) return Optional.of(own.get(0).id());
        List<Tool> all = tools.stream().filter(match).toList();
        return all.size() == 1 ? Optional.of(all.get(0).id()) : Optional.empty();
    }

    /** {@code "GET /x"} or a JSON pointer {@code ...#/paths/~1x/get} → {METHOD, path}; null if neither. */
    static String[] methodAndPath(String operationPath) {
        int hash = operationPath.indexOf("#/paths/");
        if (hash >= 0) {
            String[] parts = operationPath.substring(hash + "#/paths/".length()).split("/");
            if (parts.length != 2) return null;
            String path = parts[0].replace("~1", "/").replace("~0", "~");
            return new String[] {parts[1].toUpperCase(Locale.ROOT), path};
        }
        String[] parts = operationPath.trim().split("\\s+", 2);
        return parts.length == 2 ? new String[] {parts[0].toUpperCase(Locale.ROOT), parts[1]} : null;
    }

    /** {@code ignored}: the operation without a tool the step names, if it names one (its {@code why} is said). */
    private static OcliException unbound(String where, String what, Optional<IgnoredOperation> ignored) {
        return ignored.isPresent()
                ? new OcliException(ErrorKind.CONFIG, "workflow_step_ignored", "Workflow step binds to an ignored operation",
                        where + ": " + what + " " + ignored.get().why() + ", so it has no tool")
                : new OcliException(ErrorKind.CONFIG, "workflow_step_unbound", "Workflow step binds to no tool",
                        where + ": " + what + " matches no tool");
    }
}
