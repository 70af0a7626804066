package org.opencli.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

/** Workflow runs against a real loopback ticket store: validation, data flow, criteria, policy, audit. */
class WorkflowRunTest {
    @TempDir
    Path dir;
    TicketStore store;
    RuntimeEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        store = new TicketStore();
        copy("tickets.openapi.yaml", s -> s.replace("BASE", store.base()));
        copy("tickets.arazzo.yaml", s -> s);
    }

    @AfterEach
    void tearDown() {
        if (engine != null) engine.close();
        store.close();
    }

    private void copy(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/workflow/" + name)) {
            Files.writeString(dir.resolve(name), edit.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private void config(String extra) throws IOException {
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"},"
                + " \"sources\": {\"api\": {\"type\": \"openapi\", \"uri\": \"./tickets.openapi.yaml\"}},"
                + " \"services\": {\"tickets\": {\"source\": \"api\", \"workflows\": [\"./tickets.arazzo.yaml\"]}}"
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
        EngineSettings settings = new EngineSettings(null, false, "t1", dir.resolve("state"), dir.resolve("state/cache"),
                dir.resolve("audit.log"), "embedded", Clock.systemUTC());
        engine = new RuntimeEngine(settings, new ConfigLoader(new ConfigScopes(dir.resolve("managed.cli.json"),
                dir.resolve("user.cli.json"))), DocumentFetchers.standard(dir.resolve("state/cache"), Clock.systemUTC()),
                ExecutionSetup.defaults().withAudit(new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults(), "t1", java.time.Clock.systemUTC())));
    }

    private WorkflowRunResult run(String workflowId, boolean execute, Map<String, JsonNode> inputs) {
        try {
            return engine.runWorkflow(new WorkflowRunRequest(dir.resolve(".cli.json").toString(), null, null, workflowId,
                    inputs, false, execute)).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    private List<String> statuses(WorkflowRunResult r) {
        return r.steps().stream().map(StepOutcome::status).toList();
    }

    private List<JsonNode> audit() throws IOException {
        Path log = dir.resolve("audit.log");
        if (!Files.exists(log)) return List.of();
        return Files.readAllLines(log).stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void validationOnlyChecksEveryStepAndSendsNothing() throws IOException {
        config("");
        WorkflowRunResult r = run("openAndClose", false, Map.of());
        assertThat(r.steps()).extracting(StepOutcome::stepId).containsExactly("create", "read", "close");
        assertThat(r.steps()).extracting(StepOutcome::toolId)
                .containsExactly("tickets:createTicket", "tickets:getTicket", "tickets:updateTicket");
        assertThat(statuses(r)).containsOnly("ready");
        assertThat(store.seen).isEmpty();
        assertThat(audit()).isEmpty();
    }

    @Test
    void unknownWorkflowIsNotFound() throws IOException {
        config("");
        assertThatThrownBy(() -> run("nope", false, Map.of()))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("unknown_workflow"));
    }

    @Test
    void inputsAndStepOutputsFlowIntoLaterStepsPathParamsAndBodies() throws IOException {
        config("");
        WorkflowRunResult r = run("openAndClose", true, Map.of("title", TextNode.valueOf("Printer")));
        assertThat(statuses(r)).containsExactly("succeeded", "succeeded", "succeeded");
        assertThat(r.steps()).extracting(StepOutcome::statusCode).containsExactly(201, 200, 200);
        assertThat(store.seen).containsExactly(
                "POST /tickets {\"title\":\"Printer\",\"note\":\"opened as Printer\"}",
                "GET /tickets/42?verbose=true",
                "PATCH /tickets/42 {\"status\":\"closed\",\"previous\":\"open\"}");
        assertThat(r.steps().get(0).outputs()).containsEntry("id", TextNode.valueOf("42"));
        assertThat(r.outputs()).containsEntry("ticketId", TextNode.valueOf("42"))
                .containsEntry("finalStatus", TextNode.valueOf("closed"));
        assertThat(store.tickets.get("42").path("status").asText()).isEqualTo("closed");
        List<JsonNode> audit = audit();
        assertThat(audit).hasSize(3); // one record per step sent
        assertThat(audit).extracting(a -> a.path("toolId").asText())
                .containsExactly("tickets:createTicket", "tickets:getTicket", "tickets:updateTicket");
    }

    @Test
    void failedSuccessCriterionStopsTheRunAndLaterStepsAreNeverSent() throws IOException {
        config("");
        WorkflowRunResult r = run("strictCreate", true, Map.of());
        assertThat(statuses(r)).containsExactly("failed", "skipped");
        assertThat(r.steps().get(0).statusCode()).isEqualTo(201);
        assertThat(r.steps().get(0).error().code()).isEqualTo("workflow_criteria");
        assertThat(r.steps().get(0).error().detail()).contains("$statusCode == 200");
        assertThat(store.seen).hasSize(1).allMatch(s -> s.startsWith("POST /tickets"));
        assertThat(r.outputs()).isNull();
    }

    @Test
    void unresolvableExpressionFailsItsStepNamingTheExpression() throws IOException {
        config("");
        WorkflowRunResult r = run("badExpression", true, Map.of());
        assertThat(statuses(r)).containsExactly("failed");
        assertThat(r.steps().get(0).error().code()).isEqualTo("workflow_expression");
        assertThat(r.steps().get(0).error().detail()).contains("$inputs.missing");
        assertThat(store.seen).isEmpty();
    }

    @Test
    void policyDeniedStepRefusesTheWholeRunBeforeAnythingIsSent() throws IOException {
        config("\"policy\": {\"deny\": [\"tickets:updateTicket\"]}");
        for (boolean execute : new boolean[] {false, true}) {
            assertThatThrownBy(() -> run("openAndClose", execute, Map.of("title", TextNode.valueOf("x"))))
                    .isInstanceOfSatisfying(OcliException.class, e -> {
                        assertThat(e.code()).isEqualTo("policy_deny");
                        assertThat(e.detail()).contains("step close");
                    });
        }
        assertThat(store.seen).isEmpty();
    }

    @Test
    void approvalRequiredStepNeedsApproval() throws IOException {
        config("\"policy\": {\"approvalRequired\": [\"tickets:create*\"]}");
        assertThatThrownBy(() -> run("openAndClose", false, Map.of()))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("approval_required"));
        WorkflowRunResult approved = engine.runWorkflow(new WorkflowRunRequest(dir.resolve(".cli.json").toString(), null,
                null, "openAndClose", Map.of(), true, false)).toCompletableFuture().join();
        assertThat(statuses(approved)).containsOnly("ready");
    }

    @Test
    void everyStepMustLieInTheCallersEnvelope() throws IOException {
        config("");
        org.opencli.core.auth.Caller narrow = new org.opencli.core.auth.Caller("alice", "ocli-ci", null, null,
                java.util.Set.of("tool:tickets:createTicket", "tool:tickets:getTicket"));
        for (boolean execute : new boolean[] {false, true}) {
            assertThatThrownBy(() -> engine.runWorkflow(new WorkflowRunRequest(dir.resolve(".cli.json").toString(), null,
                    null, "openAndClose", Map.of("title", TextNode.valueOf("x")), false, execute), narrow)
                    .toCompletableFuture().join())
                    .hasCauseInstanceOf(OcliException.class)
                    .satisfies(e -> {
                        OcliException oe = (OcliException) e.getCause();
                        assertThat(oe.code()).isEqualTo("insufficient_scope");
                        assertThat(oe.detail()).contains("step close");
                        assertThat(oe.requiredScope()).isEqualTo("tool:tickets:updateTicket or bundle:tickets");
                    });
        }
        assertThat(store.seen).isEmpty();
        assertThat(audit()).extracting(l -> l.path("eventType").asText()).containsOnly("authz_denial");

        org.opencli.core.auth.Caller bundle = new org.opencli.core.auth.Caller("alice", "ocli-ci", null, null,
                java.util.Set.of("bundle:tickets"));
        WorkflowRunResult r = engine.runWorkflow(new WorkflowRunRequest(dir.resolve(".cli.json").toString(), null, null,
                "openAndClose", Map.of("title", TextNode.valueOf("Printer")), false, true), bundle).toCompletableFuture().join();
        assertThat(statuses(r)).containsOnly("succeeded");
        assertThat(audit()).filteredOn(l -> l.path("eventType").asText().equals("tool_execution"))
                .extracting(l -> l.path("principal").asText()).containsOnly("alice");
    }
}
