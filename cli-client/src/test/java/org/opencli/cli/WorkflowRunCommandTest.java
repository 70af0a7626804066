package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.json.Json;

/** {@code ocli workflow run} against a daemon stand-in: request shape, table, exit codes. */
class WorkflowRunCommandTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        cli = new CliRunner(Map.of(), dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--runtime";
        all[1] = runtime.url();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    private static String result(String status, int http, String error) {
        return "{\"workflowId\":\"w\",\"steps\":[{\"stepId\":\"a\",\"toolId\":\"hd:a\",\"status\":\"succeeded\",\"statusCode\":201},"
                + "{\"stepId\":\"b\",\"toolId\":\"hd:b\",\"status\":\"" + status + "\""
                + (http == 0 ? "" : ",\"statusCode\":" + http) + (error == null ? "" : ",\"error\":" + error) + "}]}";
    }

    @Test
    void sendsInputsTypedAsJsonWhenTheyParseAndTheFlags() {
        CliResult r = ocli("workflow", "run", "w", "--input", "title=Printer", "--input", "count=3",
                "--input", "tags=[\"a\"]", "--input", "note=42 apples", "--execute", "--approval", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode sent = runtime.workflowRuns().get(0);
        assertThat(sent.path("workflowId").asText()).isEqualTo("w");
        assertThat(sent.path("execute").asBoolean()).isTrue();
        assertThat(sent.path("approval").asBoolean()).isTrue();
        assertThat(sent.path("inputs").path("title").isTextual()).isTrue();
        assertThat(sent.path("inputs").path("count").isInt()).isTrue();
        assertThat(sent.path("inputs").path("tags").isArray()).isTrue();
        assertThat(sent.path("inputs").path("note").asText()).isEqualTo("42 apples");
    }

    @Test
    void validationOnlyIsTheDefaultAndPrintsATable() {
        CliResult r = ocli("workflow", "run", "w", "--format", "table");
        assertThat(r.exitCode()).isZero();
        assertThat(runtime.workflowRuns().get(0).path("execute").asBoolean()).isFalse();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("STEP +TOOL +STATUS +HTTP");
        assertThat(r.out()).contains("helpdesk:createTicket", "ready");
    }

    @Test
    void jsonIsTheRuntimesAnswer() throws Exception {
        runtime.answerWorkflow("w", 200, result("succeeded", 200, null));
        CliResult r = ocli("workflow", "run", "w", "--execute", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(r.out())).isEqualTo(Json.MAPPER.readTree(result("succeeded", 200, null)));
    }

    @Test
    void failedStepExitCodes() {
        runtime.answerWorkflow("w5", 200, result("failed", 503, null));
        assertThat(ocli("workflow", "run", "w5", "--execute").exitCode()).isEqualTo(ExitCodes.UPSTREAM_SERVER_ERROR);
        runtime.answerWorkflow("w4", 200, result("failed", 404, null));
        assertThat(ocli("workflow", "run", "w4", "--execute").exitCode()).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
        runtime.answerWorkflow("wc", 200, result("failed", 201,
                "{\"code\":\"workflow_criteria\",\"detail\":\"step b: success criterion not met: $statusCode == 200\"}"));
        CliResult criteria = ocli("workflow", "run", "wc", "--execute");
        assertThat(criteria.exitCode()).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
        assertThat(criteria.err()).contains("workflow_criteria", "$statusCode == 200");
        runtime.answerWorkflow("wp", 200, result("failed", 0, "{\"code\":\"policy_deny\",\"status\":403,\"detail\":\"no\"}"));
        assertThat(ocli("workflow", "run", "wp", "--execute").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    }

    @Test
    void refusalsBeforeAnyStepAreProblems() {
        runtime.answerWorkflow("nope", 404, "{\"title\":\"Unknown workflow\",\"status\":404,\"code\":\"unknown_workflow\","
                + "\"detail\":\"no workflow nope in the catalog\"}");
        CliResult unknown = ocli("workflow", "run", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("no workflow nope");
        runtime.answerWorkflow("denied", 403, "{\"title\":\"Denied by policy\",\"status\":403,\"code\":\"policy_deny\","
                + "\"detail\":\"workflow denied step b: hd:b matches policy.deny\"}");
        assertThat(ocli("workflow", "run", "denied").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    }

    @Test
    void malformedInputIsAUsageError() {
        assertThat(ocli("workflow", "run", "w", "--input", "novalue").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(runtime.workflowRuns()).isEmpty();
    }
}
