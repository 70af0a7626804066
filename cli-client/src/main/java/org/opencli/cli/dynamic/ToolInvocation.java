package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencli.cli.CliSession;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.output.ExecutionOutput;
import org.opencli.cli.runtime.IdempotentCalls;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.core.execution.ExecuteRequest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Runs a tool command: types and checks the flags and body (nothing is sent when one is wrong),
 * settles approval, asks the runtime to execute, prints the answer and exits by its status.
 */
final class ToolInvocation implements Callable<Integer> {
    static final String BODY_OPTION = "--body";
    static final String APPROVAL_OPTION = "--approval";
    static final String DRY_RUN_OPTION = "--dry-run";
    static final String OUTPUT_OPTION = "--output";

    private final JsonNode tool;
    /** Option → the tool's flag (name and schema), for the options that stand for API parameters. */
    private final Map<OptionSpec, JsonNode> flags = new LinkedHashMap<>();
    private OptionSpec bodyOption;
    private CommandSpec spec;

    ToolInvocation(JsonNode tool) {
        this.tool = tool;
    }

    void bind(CommandSpec spec) {
        this.spec = spec;
    }

    void mapFlag(OptionSpec option, JsonNode flag) {
        flags.put(option, flag);
    }

    void bodyOption(OptionSpec option) {
        this.bodyOption = option;
    }

    @Override
    public Integer call() {
        ToolCall call = toolCall();
        CliSession session = ((OcliCommand) spec.root().userObject()).session();
        var console = ((OcliCommand) spec.root().userObject()).console();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ResolvedRuntime runtime = session.runtime();
        Path cwd = session.resolver().cwd();
        RequestBody body = call.body() == null ? null : RequestBody.of(call.body(), tool, cwd, console.in());
        boolean approval = ApprovalPrompt.approval(tool, call.approval(), call.dryRun(), console, err);
        ExecuteRequest request = new ExecuteRequest(
                runtime.target().config(), runtime.target().mode(session.options().mode),
                runtime.target().agentProfile(session.options().agentProfile, session.options().mode), call.toolId(),
                call.pathArgs(), call.flags(), body == null ? null : body.body(), body == null ? null : body.contentType(),
                approval, call.dryRun());
        boolean idempotent = IdempotentCalls.tool(tool, call.dryRun());
        JsonNode result = Refusals.explain(() -> runtime.client().execute(request, idempotent));
        if (call.dryRun()) {
            DryRunOutput.print(result.path("request"), session.output(out));
            return 0;
        }
        Path outputFile = call.outputFile() == null ? null : cwd.resolve(call.outputFile());
        return new ExecutionOutput(session.output(out), out, err, console.rawOut(), console.stdoutTerminal())
                .print(result, outputFile);
    }

    /** The values the user gave, read back from the parsed spec, flags typed by their schemas. */
    ToolCall toolCall() {
        List<String> pathArgs = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            Object value = p.getValue();
            if (value != null) pathArgs.add(value.toString());
        }
        Map<String, JsonNode> typed = new LinkedHashMap<>();
        for (Map.Entry<OptionSpec, JsonNode> flag : flags.entrySet()) {
            List<String> values = values(flag.getKey().getValue());
            if (values.isEmpty()) continue;
            JsonNode schema = flag.getValue().path("schema");
            typed.put(flag.getValue().path("name").asText(),
                    FlagValues.convert(flag.getKey().names()[0], FlagSchema.of(schema), values));
        }
        String body = bodyOption != null && bodyOption.getValue() != null ? bodyOption.getValue().toString() : null;
        return new ToolCall(tool.path("id").asText(), pathArgs, typed, body, Boolean.TRUE.equals(value(APPROVAL_OPTION)),
                Boolean.TRUE.equals(value(DRY_RUN_OPTION)), (String) value(OUTPUT_OPTION));
    }

    private Object value(String option) {
        OptionSpec o = spec.findOption(option);
        return o == null ? null : o.getValue();
    }

    private static List<String> values(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> list) return list.stream().map(String::valueOf).toList();
        return List.of(value.toString());
    }
}
