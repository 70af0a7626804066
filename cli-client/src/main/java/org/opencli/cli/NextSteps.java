package org.opencli.cli;

import java.util.Map;
import java.util.Optional;

/** The next thing to try after a failure, by problem code: the last line of a text error. */
final class NextSteps {
    private static final Map<String, String> BY_CODE = Map.of(
            "unknown_tool", "Run 'ocli catalog list' or 'ocli search TEXT' to find the tool.",
            "unknown_workflow", "Run 'ocli catalog list --format json' to see the workflows (catalog.workflows).",
            "unknown_profile", "Run 'ocli config show' to see the agent profiles.",
            "config_not_found", "Run 'ocli init OPENAPI' to write a starter .cli.json, or try 'ocli --demo catalog list'.",
            "invalid_config", "Fix the file where each line points, then run 'ocli config validate'.");

    private NextSteps() {
    }

    static Optional<String> forCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
