package org.opencli.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.opencli.cli.output.VisibleText;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command-line mistake, from the built-ins and the catalog's commands alike, as two lines on
 * stderr: what went wrong, then the help to read ({@code Run 'ocli config --help' for usage.}).
 * Never picocli's full usage text. Exit code {@link ExitCodes#USAGE}.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private static final int MAX_SUGGESTIONS = 3;
    private static final String FORMAT = "--format";
    private static final int MAX_WORD = 80;
    private static final int MAX_MESSAGE = 300;

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("ocli: " + describe(ex));
        err.println("Run '" + helpCommand(line, args) + "' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * {@code ocli [the global options typed] <command path> --help}: a catalog command's help
     * needs the same {@code --demo}, {@code --config} or {@code --runtime} to be found.
     */
    static String helpCommand(CommandLine line, String[] args) {
        CommandSpec spec = line.getCommandSpec();
        StringBuilder sb = new StringBuilder(spec.root().name());
        for (int i = 0; args != null && i < args.length; i++) {
            String arg = args[i];
            OptionSpec option = arg.startsWith("--") ? spec.root().findOption(arg.split("=", 2)[0]) : null;
            if (option == null || option.scopeType() != CommandLine.ScopeType.INHERIT || FORMAT.equals(option.longestName())) continue;
            sb.append(' ').append(shellWord(arg));
            if (!arg.contains("=") && option.arity().max() > 0 && i + 1 < args.length) sb.append(' ').append(shellWord(args[++i]));
        }
        String path = spec.qualifiedName().substring(spec.root().name().length());
        return sb.append(path).append(" --help").toString();
    }

    /** A routing command (group, service) was given no command word. */
    public static CommandLine.ParameterException missingCommand(CommandLine line) {
        return new CommandLine.ParameterException(line,
                "missing command for '" + line.getCommandSpec().qualifiedName() + "'; commands: " + commandList(line));
    }

    /** {@code word} names none of {@code line}'s commands (also used by {@code ocli help}). */
    public static CommandLine.ParameterException unknownCommand(CommandLine line, String word) {
        return new CommandLine.UnmatchedArgumentException(line, List.of(word));
    }

    static String describe(CommandLine.ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String where = " for '" + spec.qualifiedName() + "'";
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched(unmatched, where);
        }
        if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return missing(missing, where);
        }
        return sentence(ex.getMessage());
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException ex, String where) {
        String first = ex.getUnmatched().get(0);
        CommandLine line = ex.getCommandLine();
        if (first.startsWith("-") && first.length() > 1) {
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            List<String> options = line.getCommandSpec().options().stream().filter(o -> !o.hidden())
                    .flatMap(o -> java.util.Arrays.stream(o.names())).toList();
            return "unknown option '" + shown(name) + "'" + where + didYouMean(name, options);
        }
        if (!line.getSubcommands().isEmpty()) {
            String didYouMean = didYouMean(first, visibleCommands(line));
            return "unknown command '" + shown(first) + "'" + where
                    + (didYouMean.isEmpty() ? "; commands: " + commandList(line) : didYouMean);
        }
        List<String> words = ex.getUnmatched();
        return (words.size() == 1 ? "unexpected argument " : "unexpected arguments ") + quoted(words, ", ") + where;
    }

    private static String missing(CommandLine.MissingParameterException ex, String where) {
        List<ArgSpec> specs = ex.getMissing();
        // picocli reports an option given without its value with the same exception type
        if (specs.size() == 1 && specs.get(0) instanceof OptionSpec option && ex.getMessage() != null
                && ex.getMessage().startsWith("Missing required parameter for option")) {
            return "option '" + option.longestName() + "' needs a value (" + option.paramLabel() + ")" + where;
        }
        boolean options = specs.stream().allMatch(ArgSpec::isOption);
        String kind = options ? "option" : specs.stream().noneMatch(ArgSpec::isOption) ? "argument" : "parameter";
        List<String> names = specs.stream().map(UsageErrors::name).toList();
        return "missing required " + kind + (names.size() == 1 ? " " : "s ") + quoted(names, ", ") + where;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** The visible command names, aliases and hidden commands left out. */
    static String commandList(CommandLine line) {
        return String.join(", ", visibleCommands(line));
    }

    private static List<String> visibleCommands(CommandLine line) {
        return line.getSubcommands().values().stream().distinct().map(CommandLine::getCommandSpec)
                .filter(spec -> !spec.usageMessage().hidden()).map(CommandSpec::name).toList();
    }

    /** The names a typo of {@code word} could have meant: a few edits away, or one a prefix of the other. */
    private static String didYouMean(String word, List<String> names) {
        List<String> close = names.stream().distinct()
                .filter(n -> n.startsWith(word) || word.startsWith(n) || Typos.distance(word, n) <= Math.max(1, word.length() / 3))
                .sorted(java.util.Comparator.comparingInt(n -> Typos.distance(word, n)))
                .limit(MAX_SUGGESTIONS).toList();
        return close.isEmpty() ? "" : "; did you mean " + quoted(close, " or ") + "?";
    }

    private static String quoted(List<String> words, String separator) {
        return words.stream().map(w -> "'" + shown(w) + "'").collect(Collectors.joining(separator));
    }

    /** A word the user typed, echoed: control characters made visible, long words cut. */
    static String shown(String word) {
        return bounded(word, MAX_WORD);
    }

    private static String bounded(String text, int max) {
        String visible = VisibleText.of(text);
        return visible.length() <= max ? visible : visible.substring(0, max) + "…";
    }

    /** A typed option or value as it would be retyped in a shell (inside the Run line's single quotes). */
    private static String shellWord(String word) {
        String visible = shown(word);
        if (visible.matches("[A-Za-z0-9_./:=@%+,-]+")) return visible;
        return '"' + visible.replaceAll("([\\\\\"$`])", "\\\\$1") + '"';
    }

    /** picocli's and our own messages as one lower-case clause without a final period. */
    private static String sentence(String message) {
        if (message == null || message.isBlank()) return "invalid command line";
        String text = bounded(message.strip().split("\\R")[0], MAX_MESSAGE);
        if (text.endsWith(".")) text = text.substring(0, text.length() - 1);
        boolean acronym = text.length() > 1 && Character.isUpperCase(text.charAt(1));
        return acronym ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
