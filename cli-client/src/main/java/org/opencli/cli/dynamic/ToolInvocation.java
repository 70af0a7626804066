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
import org.opencli.cli.ConsoleIo;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.output.ExecutionOutput;
import org.opencli.cli.output.OutputFile;
import org.opencli.cli.runtime.IdempotentCalls;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.core.execution.ExecuteRequest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Runs a tool command: asks for what is missing (on a terminal), types and checks the flags, the
 * body and the {@code --output} destination (nothing is sent when one is wrong), settles approval
 * (declined: nothing is sent), asks the runtime to execute, prints the answer and exits by its status.
 */
final class ToolInvocation implements Callable<Integer> {
    static final String BODY_OPTION = "--body";
    static final String APPROVAL_OPTION = "--approval";
    static final String DRY_RUN_OPTION = "--dry-run";
    static final String OUTPUT_OPTION = "--output";
    static final String INCLUDE_OPTION = "--include";

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

    /** Whether the tool requires this option, whatever picocli was told (see DynamicTreeBuilder's prompts). */
    boolean requiredByTool(OptionSpec option) {
        JsonNode flag = flags.get(option);
        return flag != null ? flag.path("required").asBoolean(false) : option.required();
    }

    void bodyOption(OptionSpec option) {
        this.bodyOption = option;
    }

    @Override
    public Integer call() {
        OcliCommand root = (OcliCommand) spec.root().userObject();
        CliSession session = root.session();
        ConsoleIo console = root.console();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ToolCall call = toolCall(console, err);
        Path cwd = session.resolver().cwd();
        // everything that can fail here fails before the runtime is asked: nothing is sent
        OutputFile outputFile = call.outputFile() == null || call.dryRun() ? null : OutputFile.checked(cwd.resolve(call.outputFile()));
        RequestBody body = call.body() == null ? null : RequestBody.of(call.body(), tool, cwd, console.in());
        boolean approval = ApprovalPrompt.approval(tool, call.pathArgs(), call.approval(), call.dryRun(), console, err);
        ResolvedRuntime runtime = session.runtime();
        ExecuteRequest request = new ExecuteRequest(
                runtime.target().config(), runtime.target().mode(session.options().mode),
                runtime.target().agentProfile(session.options().agentProfile, session.options().mode), call.toolId(),
                call.pathArgs(), call.flags(), body == null ? null : body.body(), body == null ? null : body.contentType(),
                approval, call.dryRun(), !call.dryRun() && (outputFile != null || call.include()));
        boolean idempotent = IdempotentCalls.tool(tool, call.dryRun());
        JsonNode result = Refusals.explain(() -> runtime.client().execute(request, idempotent));
        if (call.dryRun()) {
            DryRunOutput.print(result.path("request"), session.output(out));
            return 0;
        }
        return new ExecutionOutput(session.output(out), out, err, console.rawOut(), console.stdoutTerminal())
                .print(result, outputFile, call.include());
    }

    /**
     * The values the user gave, read back from the parsed spec, flags typed by their schemas. A
     * required path argument or flag left out is asked for on a terminal (the tree made it optional
     * to picocli only there).
     */
    ToolCall toolCall(ConsoleIo console, PrintWriter err) {
        List<String> pathArgs = new ArrayList<>();
        int index = 0;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            JsonNode param = tool.path("pathParams").path(index++);
            Object value = p.getValue();
            if (value == null && param.path("required").asBoolean(true)) {
                value = MissingValuePrompt.ask(p.paramLabel(), "path argument", param, console, err);
            }
            if (value != null) pathArgs.add(value.toString());
        }
        Map<String, JsonNode> typed = new LinkedHashMap<>();
        for (Map.Entry<OptionSpec, JsonNode> flag : flags.entrySet()) {
            List<String> values = values(flag.getKey().getValue());
            String option = flag.getKey().names()[0];
            if (values.isEmpty() && flag.getValue().path("required").asBoolean(false)) {
                values = List.of(MissingValuePrompt.ask(option, "flag", flag.getValue(), console, err));
            }
            if (values.isEmpty()) continue;
            JsonNode schema = flag.getValue().path("schema");
            typed.put(flag.getValue().path("name").asText(), FlagValues.convert(option, FlagSchema.of(schema), values));
        }
        String body = bodyOption != null && bodyOption.getValue() != null ? bodyOption.getValue().toString() : null;
        return new ToolCall(tool.path("id").asText(), pathArgs, typed, body, Boolean.TRUE.equals(value(APPROVAL_OPTION)),
                Boolean.TRUE.equals(value(DRY_RUN_OPTION)), (String) value(OUTPUT_OPTION),
                Boolean.TRUE.equals(value(INCLUDE_OPTION)));
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
