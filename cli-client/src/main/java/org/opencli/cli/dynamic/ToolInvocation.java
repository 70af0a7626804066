package org.opencli.cli.dynamic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Runs a tool command. Parsing is complete ({@link #toolCall()}); execution arrives with the
 * execute endpoint, so for now invoking a tool is reported as unavailable (exit 2).
 */
final class ToolInvocation implements Callable<Integer> {
    static final String BODY_OPTION = "--body";

    private final String toolId;
    /** Option → the tool's flag name, for the options that stand for API parameters. */
    private final Map<OptionSpec, String> flagNames = new LinkedHashMap<>();
    private OptionSpec bodyOption;
    private CommandSpec spec;

    ToolInvocation(String toolId) {
        this.toolId = toolId;
    }

    void bind(CommandSpec spec) {
        this.spec = spec;
    }

    void mapFlag(OptionSpec option, String flagName) {
        flagNames.put(option, flagName);
    }

    void bodyOption(OptionSpec option) {
        this.bodyOption = option;
    }

    @Override
    public Integer call() {
        ToolCall call = toolCall();
        throw new CliException(ExitCodes.USAGE, "execution_not_available", "tool execution is not available yet",
                call.toolId());
    }

    /** The values the user gave, read back from the parsed spec. */
    ToolCall toolCall() {
        List<String> pathArgs = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            Object value = p.getValue();
            if (value != null) pathArgs.add(value.toString());
        }
        Map<String, String> flags = new LinkedHashMap<>();
        String body = null;
        for (Map.Entry<OptionSpec, String> flag : flagNames.entrySet()) {
            Object value = flag.getKey().getValue();
            if (value != null) flags.put(flag.getValue(), value.toString());
        }
        if (bodyOption != null && bodyOption.getValue() != null) body = bodyOption.getValue().toString();
        return new ToolCall(toolId, pathArgs, flags, body);
    }
}
