package org.opencli.cli.dynamic;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Finds the positional words before the real parse, skipping the root's options and their values
 * (the global options are accepted at every level), to decide whether the command line names a
 * service (and so needs the catalog) and which of its groups and commands to build.
 */
final class ArgScan {
    private ArgScan() {
    }

    static String firstPositional(String[] args, CommandSpec root) {
        List<String> words = positionals(args, root, 1);
        return words.isEmpty() ? null : words.get(0);
    }

    /** Up to {@code max} positional words, in order. */
    static List<String> positionals(String[] args, CommandSpec root, int max) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length && words.size() < max; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                for (int j = i + 1; j < args.length && words.size() < max; j++) words.add(args[j]);
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
                continue;
            }
            if (arg.contains("=")) continue;
            OptionSpec option = root.findOption(arg);
            if (option != null && option.arity().max() > 0) i++;
        }
        return words;
    }
}
