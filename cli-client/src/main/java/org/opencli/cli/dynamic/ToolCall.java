package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One parsed tool invocation, in the shape {@code POST /v1/tools/execute} takes: path arguments in
 * path order, flags by flag name typed from their schemas, the raw {@code --body} argument (inline
 * JSON, @file or -) and the execution switches ({@code --approval}, {@code --dry-run},
 * {@code --output FILE}, {@code --include}).
 */
public record ToolCall(String toolId, List<String> pathArgs, Map<String, JsonNode> flags, String body,
        boolean approval, boolean dryRun, String outputFile, boolean include) {
}
