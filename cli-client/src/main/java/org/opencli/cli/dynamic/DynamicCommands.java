package org.opencli.cli.dynamic;

import org.opencli.cli.CliSession;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.options.GlobalOptions;
import picocli.CommandLine;

/**
 * Decides whether a command line needs the service commands and, if so, fetches the catalog and
 * builds them. Built-in commands, {@code --help} and {@code --version} never touch a runtime.
 */
public final class DynamicCommands {
    private DynamicCommands() {
    }

    public static void attachIfNeeded(CommandLine root, String[] args) {
        String first = ArgScan.firstPositional(args, root.getCommandSpec());
        if (first == null || root.getSubcommands().containsKey(first)) return;
        GlobalOptions options = GlobalOptionsParser.parse(args);
        if (options == null) return;
        CliSession session = ((OcliCommand) root.getCommand()).openSession(options);
        // With nothing configured there is no catalog to ask: let picocli report the unknown command.
        if (!session.hasCatalogSource()) return;
        new DynamicTreeBuilder(root, session.catalog()).build();
    }
}
