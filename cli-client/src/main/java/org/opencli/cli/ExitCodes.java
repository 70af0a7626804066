package org.opencli.cli;

/** The process exit codes of {@code ocli}; documented in {@code ocli --help} and docs/cli.md. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    /** Bad command line or invalid config. */
    public static final int USAGE = 2;
    /** Unknown tool, profile or other named thing. */
    public static final int NOT_FOUND = 3;
    public static final int AUTH_REQUIRED = 4;
    /** Forbidden by policy or scope. */
    public static final int FORBIDDEN = 5;
    public static final int UPSTREAM_CLIENT_ERROR = 6;
    public static final int UPSTREAM_SERVER_ERROR = 7;
    /** The runtime could not be reached, or the upstream failed before answering (502). */
    public static final int UNREACHABLE = 8;
    /** {@code ocli audit verify} found a broken record: the trail was edited, truncated or reordered. */
    public static final int AUDIT_BROKEN = 9;

    /** Help footer lines, kept next to the constants so they cannot drift apart. */
    public static final String[] HELP_FOOTER = {
            "",
            "Exit codes:",
            "  0  ok",
            "  1  internal error",
            "  2  usage error or invalid config",
            "  3  not found (unknown tool or profile), or no local daemon to attach to",
            "  4  authentication required or credentials unresolved (401)",
            "  5  forbidden by policy or scope, or approval required (403)",
            "  6  upstream answered 4xx (body still printed)",
            "  7  upstream answered 5xx (body still printed)",
            "  8  runtime unreachable, or upstream failed before answering (502)",
            "  9  audit verify found a broken record (the trail was tampered with or damaged)",
    };

    private ExitCodes() {
    }

    /**
     * Exit code for a problem the runtime reported. "Unknown X" codes are not-found whatever status
     * the runtime chose for them (an unknown profile is a 400 to the daemon, a 3 to the CLI user).
     */
    public static int forRuntimeProblem(int status, String code) {
        if (code != null && (code.startsWith("unknown_") || code.endsWith("_not_found"))
                && !code.equals("config_not_found")) {
            return NOT_FOUND;
        }
        return forRuntimeStatus(status);
    }

    /** Exit code for a problem the runtime reported with this HTTP status. */
    public static int forRuntimeStatus(int status) {
        return switch (status) {
            case 400, 409, 422 -> USAGE;
            case 401 -> AUTH_REQUIRED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 502, 503, 504 -> UNREACHABLE;
            default -> status >= 400 && status < 500 ? USAGE : INTERNAL;
        };
    }

    /** Exit code for an upstream HTTP status seen during tool execution. */
    public static int forUpstreamStatus(int status) {
        if (status < 400) return OK;
        if (status == 401) return AUTH_REQUIRED;
        if (status == 403) return FORBIDDEN;
        return status < 500 ? UPSTREAM_CLIENT_ERROR : UPSTREAM_SERVER_ERROR;
    }
}
