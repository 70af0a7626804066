package org.opencli.cli.dynamic;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Finds the first positional argument before the real parse, skipping the root's options and their
 * values, to decide whether the command line names a service (and so needs the catalog).
 */
final class ArgScan {
    private ArgScan() {
    }

    static String firstPositional(String[] args, CommandSpec root) {
        return positional(args, root, 0);
    }

    /** The positional argument after the first one ({@code helpdesk} in {@code ocli help helpdesk tickets}). */
    static String secondPositional(String[] args, CommandSpec root) {
        return positional(args, root, 1);
    }

    private static String positional(String[] args, CommandSpec root, int wanted) {
        int seen = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) return i + 1 + wanted - seen < args.length ? args[i + 1 + wanted - seen] : null;
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (seen++ == wanted) return arg;
                continue;
            }
            if (arg.contains("=")) continue;
            OptionSpec option = root.findOption(arg);
            if (option != null && option.arity().max() > 0) i++;
        }
        return null;
    }
}
