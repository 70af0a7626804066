package org.opencli.cli;

import java.util.List;
import org.opencli.core.error.Problem;
import org.opencli.core.error.ProblemItem;

/**
 * A failure the CLI reports itself (as opposed to one the runtime answered): carries the exit code
 * and a problem body so it prints exactly like a runtime problem.
 */
public class CliException extends RuntimeException {
    private final int exitCode;
    private final Problem problem;

    public CliException(int exitCode, Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.exitCode = exitCode;
        this.problem = problem;
    }

    public CliException(int exitCode, String code, String title, String detail) {
        this(exitCode, code, title, detail, List.of());
    }

    public CliException(int exitCode, String code, String title, String detail, List<ProblemItem> items) {
        this(exitCode, new Problem("https://open-cli.dev/problems/" + code, title, statusFor(exitCode), detail, code, items));
    }

    public int exitCode() {
        return exitCode;
    }

    public Problem problem() {
        return problem;
    }

    private static int statusFor(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.USAGE -> 400;
            case ExitCodes.NOT_FOUND -> 404;
            case ExitCodes.AUTH_REQUIRED -> 401;
            case ExitCodes.FORBIDDEN -> 403;
            case ExitCodes.UNREACHABLE -> 502;
            default -> 500;
        };
    }
}
