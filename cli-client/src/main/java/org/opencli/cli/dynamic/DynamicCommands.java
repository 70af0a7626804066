package org.opencli.cli.dynamic;

import java.util.List;
import org.opencli.cli.CliSession;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.options.GlobalOptions;
import picocli.CommandLine;

/**
 * Decides whether a command line needs the service commands and, if so, fetches the catalog and
 * builds the part the command line names. Built-in commands, {@code --help} and {@code --version}
 * never touch a runtime.
 */
public final class DynamicCommands {
    private DynamicCommands() {
    }

    public static void attachIfNeeded(CommandLine root, String[] args) {
        // <service> <group> <command>: the words that say which part of the tree to build
        List<String> words = ArgScan.positionals(args, root.getCommandSpec(), 3);
        if (words.isEmpty() || root.getSubcommands().containsKey(words.get(0))) return;
        GlobalOptions options = GlobalOptionsParser.parse(args);
        if (options == null) return;
        CliSession session = ((OcliCommand) root.getCommand()).openSession(options);
        // With nothing configured there is no catalog to ask: let picocli report the unknown command.
        if (!session.hasCatalogSource()) return;
        new DynamicTreeBuilder(root, session.commandCatalog()).build(words);
        if (session.runtime().client() instanceof org.opencli.cli.runtime.HttpRuntimeClient http && http.signedIn()) {
            root.setParameterExceptionHandler(new ScopeHint(root.getParameterExceptionHandler(),
                    session.runtime().client().location()));
        }
    }

    /**
     * A signed-in runtime lists only the tools the token's scopes allow (CONTRACT.md §6), so an
     * unknown command may exist but be outside them: say so after picocli's own message.
     */
    private record ScopeHint(CommandLine.IParameterExceptionHandler delegate, String runtime)
            implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) throws Exception {
            int exitCode = delegate.handleParseException(ex, args);
            if (ex instanceof CommandLine.UnmatchedArgumentException) {
                ex.getCommandLine().getErr().println("note: the runtime at " + runtime + " lists only the tools your token's"
                        + " scopes allow; a command missing here may be outside them ('ocli auth status' shows your scopes).");
                ex.getCommandLine().getErr().flush();
            }
            return exitCode;
        }
    }
}
