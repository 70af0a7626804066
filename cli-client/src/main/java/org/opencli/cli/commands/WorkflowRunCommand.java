package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.output.Table;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.core.json.Json;
import org.opencli.core.workflow.WorkflowRunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocli workflow run ID}: without {@code --execute} the runtime only checks every step's
 * tool and policy; with it the steps run in order. The exit code follows the first failed step.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo workflow run browseAndOrder", "  ocli --demo workflow run browseAndOrder --format yaml"},
        description = "Check a workflow's steps against the catalog and policy; with --execute, run them in order.")
public class WorkflowRunCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The Arazzo workflowId.")
    String workflowId;

    @Option(names = "--input", paramLabel = "NAME=VALUE",
            description = "A workflow input ($inputs.NAME); VALUE is JSON when it parses, else a string. Repeatable.")
    List<String> inputs = List.of();

    @Option(names = "--execute", description = "Run the steps (default: only check them).")
    boolean execute;

    @Option(names = "--approval", description = "Approve steps whose tools require approval.")
    boolean approval;

    @Override
    public Integer call() {
        ResolvedRuntime runtime = session().runtime();
        if (runtime.embedded() && runtime.configPath() == null) {
            throw new CliException(ExitCodes.USAGE, "config_not_found", "No config",
                    "no .cli.json in the current directory or its parents; use --config FILE or --runtime URL");
        }
        var options = session().options();
        WorkflowRunRequest request = new WorkflowRunRequest(
                runtime.target().config(), runtime.target().mode(options.mode),
                runtime.target().agentProfile(options.agentProfile, options.mode), workflowId, parsedInputs(), approval, execute);
        JsonNode result = runtime.client().runWorkflow(request);
        output().write(result, () -> {
            Table table = new Table("STEP", "TOOL", "STATUS", "HTTP");
            for (JsonNode step : result.path("steps")) {
                table.row(step.path("stepId").asText(), step.path("toolId").asText(), step.path("status").asText(),
                        step.path("statusCode").asText(""));
            }
            return table;
        });
        for (JsonNode step : result.path("steps")) {
            if (step.has("error")) {
                spec.commandLine().getErr().println("step " + step.path("stepId").asText() + ": "
                        + step.path("error").path("code").asText() + ": " + step.path("error").path("detail").asText());
            }
        }
        return exitCode(result);
    }

    private Map<String, JsonNode> parsedInputs() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String input : inputs) {
            int eq = input.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid input",
                        "--input expects NAME=VALUE, got '" + input + "'");
            }
            out.put(input.substring(0, eq), jsonOrText(input.substring(eq + 1)));
        }
        return out;
    }

    static JsonNode jsonOrText(String raw) {
        try {
            // trailing tokens make it text: "42 apples" is not the number 42
            JsonNode parsed = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(raw);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(raw) : parsed;
        } catch (IOException e) {
            return TextNode.valueOf(raw);
        }
    }

    /** 0 when every step is ready/succeeded; else by the first failed step (see docs/cli.md). */
    static int exitCode(JsonNode result) {
        for (JsonNode step : result.path("steps")) {
            if (!"failed".equals(step.path("status").asText())) continue;
            int http = step.path("statusCode").asInt(0);
            int problem = step.path("error").path("status").asInt(0);
            if (problem != 0 && http == 0) return ExitCodes.forRuntimeProblem(problem, step.path("error").path("code").asText(null));
            if (http >= 500) return ExitCodes.UPSTREAM_SERVER_ERROR;
            if (http == 401) return ExitCodes.AUTH_REQUIRED;
            if (http == 403) return ExitCodes.FORBIDDEN;
            return ExitCodes.UPSTREAM_CLIENT_ERROR; // 4xx, an unmet success criterion or an unresolvable expression
        }
        return ExitCodes.OK;
    }
}
