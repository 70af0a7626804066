package org.opencli.cli.dynamic;

import java.util.List;
import java.util.Map;

/**
 * One parsed tool invocation, in the shape {@code POST /v1/tools/execute} takes: path arguments in
 * path order, flags by flag name, and the raw {@code --body} argument (inline JSON, @file or -).
 */
public record ToolCall(String toolId, List<String> pathArgs, Map<String, String> flags, String body) {
}
