package org.opencli.core.config;

/** MCP transport fields per type: stdio takes command/args/env, sse and streamable-http url/headers. */
final class TransportRules {
    private TransportRules() {
    }

    static void check(McpTransportConfig t, String path, Problems problems) {
        if (t.type() == null) return;
        boolean stdio = t.type().equals("stdio");
        if (stdio && SecretRules.isBlank(t.command())) {
            problems.add(JsonPaths.child(path, "command"), "a stdio transport needs 'command'",
                    "the program to start, a non-empty string");
        }
        if (!stdio && SecretRules.isBlank(t.url())) {
            problems.add(JsonPaths.child(path, "url"), Wording.a(t.type()) + " transport needs 'url'",
                    "the MCP server URL");
        }
        String type = t.type();
        if (stdio) {
            notAllowed(t.url() != null, path, "url", type, problems);
            notAllowed(t.headers() != null, path, "headers", type, problems);
            notAllowed(t.headerSecrets() != null, path, "headerSecrets", type, problems);
        } else {
            notAllowed(t.command() != null, path, "command", type, problems);
            notAllowed(t.args() != null, path, "args", type, problems);
            notAllowed(t.env() != null, path, "env", type, problems);
        }
    }

    private static void notAllowed(boolean present, String path, String field, String type, Problems problems) {
        if (present) {
            problems.add(JsonPaths.child(path, field), "'" + field + "' does not apply to " + Wording.a(type) + " transport",
                    type.equals("stdio") ? "only command, args, env for stdio"
                            : "only url, headers, headerSecrets for " + type);
        }
    }
}
