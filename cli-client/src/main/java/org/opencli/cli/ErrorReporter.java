package org.opencli.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opencli.cli.options.OutputFormat;
import org.opencli.cli.output.OutputWriter;
import org.opencli.cli.output.VisibleText;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.Problem;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.Json;
import picocli.CommandLine;

/**
 * Turns any failure into stderr text and an exit code: {@code error: <title>: <detail>} plus one
 * line per located item the detail does not already name and, for some problems, the next thing to try; or the problem JSON with
 * {@code --format json}. Never a stack trace
 * (unless {@code OCLI_DEBUG} is set, for developers).
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {
    private static final Pattern MORE = Pattern.compile(" \\(and \\d+ more\\)$");

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        // a usage refusal with no more specific next step points at the command's help, as parse errors do
        String help = "Run '" + UsageErrors.helpCommand(commandLine, parseResult.originalArgs().toArray(String[]::new)) + "' for usage.";
        return report(ex, commandLine.getErr(), explicitFormat(commandLine), help);
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exitCodeOf(exception);
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof CommandLine.ParameterException) return ExitCodes.USAGE;
        if (ex instanceof CliException cli) return cli.exitCode();
        if (ex instanceof OcliException engine) return ExitCodes.forRuntimeProblem(engine.kind().httpStatus(), engine.code());
        return ExitCodes.INTERNAL;
    }

    static Problem problemOf(Throwable ex) {
        if (ex instanceof CliException cli) return cli.problem();
        if (ex instanceof OcliException engine) return engine.toProblem();
        return Problem.internal(describe(ex));
    }

    public static int report(Throwable ex, PrintWriter err, OutputFormat format) {
        return report(ex, err, format, null);
    }

    /** {@code usageHelp}: the last line of a usage error (exit 2) no problem code has a next step for; null for none. */
    static int report(Throwable ex, PrintWriter err, OutputFormat format, String usageHelp) {
        Problem problem = problemOf(ex);
        int exitCode = exitCodeOf(ex);
        if (format == OutputFormat.JSON || format == OutputFormat.PRETTY) {
            err.println(OutputWriter.json(Json.MAPPER.valueToTree(problem)));
        } else if (format == OutputFormat.YAML) {
            err.print(OutputWriter.yaml(Json.MAPPER.valueToTree(problem)));
        } else {
            // a title, detail or item may repeat what a user or a document supplied: no terminal controls
            err.println(VisibleText.keepingLayout(headline(problem)));
            if (problem.errors() != null) {
                Set<String> named = namedInDetail(withoutTitle(problem));
                for (ProblemItem item : problem.errors()) {
                    if (!isNamed(item, named)) err.println("  " + VisibleText.keepingLayout(item.describe()));
                }
            }
            NextSteps.forCode(problem.code())
                    .or(() -> Optional.ofNullable(exitCode == ExitCodes.USAGE ? usageHelp : null))
                    .map(VisibleText::keepingLayout).ifPresent(err::println);
        }
        if (System.getenv("OCLI_DEBUG") != null && exitCodeOf(ex) == ExitCodes.INTERNAL) ex.printStackTrace(err);
        err.flush();
        return exitCode;
    }

    static String headline(Problem problem) {
        String detail = withoutTitle(problem);
        return detail == null || detail.isBlank() ? "error: " + problem.title() : "error: " + problem.title() + ": " + detail;
    }

    /** The detail without a leading copy of the title ({@code Invalid OpenAPI document: …} under that title). */
    public static String withoutTitle(Problem problem) {
        String detail = problem.detail();
        String prefix = problem.title() + ": ";
        return detail != null && problem.title() != null && detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail;
    }

    /**
     * The items a detail already names: a validation refusal's detail lists its first problems as
     * {@code /priority: must be one of [...]; body: is required (and 2 more)}, so those are not
     * printed again below it (a config error's detail, {@code 3 problems}, names none).
     */
    private static Set<String> namedInDetail(String detail) {
        if (detail == null) return Set.of();
        return Arrays.stream(MORE.matcher(detail).replaceFirst("").split("; ")).collect(Collectors.toSet());
    }

    /** Named as it is described, or (an item at the body's root, which has no path) as {@code body: message}. */
    private static boolean isNamed(ProblemItem item, Set<String> named) {
        String described = item.describe();
        return named.contains(described) || (item.path() == null && item.file() == null && named.contains("body: " + described));
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }

    /** The format given on the command line (the root's options hold inherited values). */
    private OutputFormat explicitFormat(CommandLine commandLine) {
        Object root = commandLine.getCommandSpec().root().userObject();
        if (root instanceof OcliCommand ocli && ocli.options().format != null) return ocli.options().format;
        return null;
    }
}
