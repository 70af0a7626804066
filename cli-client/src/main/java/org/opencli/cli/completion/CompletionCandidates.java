package org.opencli.cli.completion;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What may come next on an {@code ocli} command line, read from the command tree (built-ins and,
 * when attached, the service commands): subcommand words, option names, or an option's values.
 * {@link #files()} tells the shell to complete file names instead (an option or argument that
 * takes a file).
 */
public record CompletionCandidates(boolean files, List<String> words) {

    /** The words that may replace {@code current}, the word being typed after {@code before}. */
    public static CompletionCandidates of(CommandLine root, List<String> before, String current) {
        CommandSpec spec = root.getCommandSpec();
        boolean positionalOnly = false;
        OptionSpec awaitingValue = null;
        for (String word : before) {
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (!positionalOnly && word.equals("--")) {
                positionalOnly = true;
            } else if (!positionalOnly && word.startsWith("-") && word.length() > 1) {
                OptionSpec option = word.contains("=") ? null : spec.findOption(word);
                if (option != null && option.arity().max() > 0) awaitingValue = option;
            } else if (!positionalOnly && spec.subcommands().containsKey(word)) {
                spec = spec.subcommands().get(word).getCommandSpec();
            } else if (!spec.subcommands().isEmpty()) {
                return words(Stream.empty()); // an unknown command word: nothing sensible follows it
            }
            // any other word is a positional argument of the command reached so far
        }
        if (awaitingValue != null) return values(awaitingValue, current);
        if (!positionalOnly && current.startsWith("-")) return words(optionNames(spec, current));
        if (!spec.subcommands().isEmpty()) return words(subcommands(spec, current));
        if (takesFiles(spec)) return new CompletionCandidates(true, List.of());
        return words(current.isEmpty() ? optionNames(spec, "--") : Stream.empty());
    }

    /** One candidate per line for the shell: a word with a line break or other control character (an enum value from a document) is left out. */
    private static CompletionCandidates words(Stream<String> candidates) {
        return new CompletionCandidates(false, List.copyOf(candidates.filter(c -> c.codePoints().noneMatch(Character::isISOControl))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new))));
    }

    private static Stream<String> subcommands(CommandSpec spec, String prefix) {
        return spec.subcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey).filter(name -> name.startsWith(prefix));
    }

    private static Stream<String> optionNames(CommandSpec spec, String prefix) {
        return spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.names()))
                .filter(name -> name.startsWith(prefix));
    }

    private static CompletionCandidates values(OptionSpec option, String prefix) {
        if (isFile(option.type(), option.paramLabel())) return new CompletionCandidates(true, List.of());
        if (option.type().isEnum()) {
            return words(Stream.of(option.type().getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .filter(v -> v.startsWith(prefix)));
        }
        Iterable<String> candidates = option.completionCandidates();
        if (candidates == null) return words(Stream.empty());
        Stream.Builder<String> all = Stream.builder();
        candidates.forEach(all);
        return words(all.build().filter(v -> v.startsWith(prefix)));
    }

    private static boolean takesFiles(CommandSpec spec) {
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (!positional.hidden() && isFile(positional.type(), positional.paramLabel())) return true;
        }
        return false;
    }

    private static boolean isFile(Class<?> type, String label) {
        return type == File.class || type == Path.class || label.contains("FILE") || label.contains("DIR");
    }
}
