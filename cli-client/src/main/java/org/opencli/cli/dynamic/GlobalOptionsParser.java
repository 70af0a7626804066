package org.opencli.cli.dynamic;

import org.opencli.cli.options.GlobalOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Parses only the global options out of a full command line, ignoring everything else, so the
 * runtime can be resolved before the dynamic commands exist. Null when the options themselves are
 * malformed: the real parse then reports the usage error.
 */
final class GlobalOptionsParser {
    @Command(name = "ocli")
    static final class Holder {
        @Mixin
        GlobalOptions options = new GlobalOptions();
    }

    private GlobalOptionsParser() {
    }

    static GlobalOptions parse(String[] args) {
        Holder holder = new Holder();
        CommandLine cl = new CommandLine(holder);
        cl.setExpandAtFiles(false);
        cl.setUnmatchedArgumentsAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(true);
        try {
            cl.parseArgs(args);
            return holder.options;
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }
}
