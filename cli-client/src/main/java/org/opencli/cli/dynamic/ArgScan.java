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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) return i + 1 < args.length ? args[i + 1] : null;
            if (!arg.startsWith("-") || arg.equals("-")) return arg;
            if (arg.contains("=")) continue;
            OptionSpec option = root.findOption(arg);
            if (option != null && option.arity().max() > 0) i++;
        }
        return null;
    }
}
