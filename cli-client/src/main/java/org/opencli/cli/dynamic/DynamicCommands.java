package org.opencli.cli.dynamic;

import java.util.List;
import java.util.Optional;
import org.opencli.cli.BuiltinCommands;
import org.opencli.cli.CliSession;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.core.json.Json;
import picocli.CommandLine;

/**
 * Decides whether a command line needs the service commands and, if so, fetches the catalog and
 * builds the part the command line names. Built-in commands, {@code --help} and {@code --version}
 * never touch a runtime; {@code ocli help <service> ...} does, as it names a catalog command.
 */
public final class DynamicCommands {
    private static final String HELP = "help";

    private DynamicCommands() {
    }

    /** The command line's first positional word (the command or service it names), or null. */
    public static String firstWord(CommandLine root, String[] args) {
        return ArgScan.firstPositional(args, root.getCommandSpec());
    }

    public static void attachIfNeeded(CommandLine root, String[] args) {
        // <service> <group> <command>: the words that say which part of the tree to build
        List<String> words = ArgScan.positionals(args, root.getCommandSpec(), 4);
        // 'ocli help helpdesk tickets' asks for a catalog command's help
        if (!words.isEmpty() && HELP.equals(words.get(0))) words = words.subList(1, words.size());
        if (words.size() > 3) words = words.subList(0, 3);
        if (words.isEmpty() || BuiltinCommands.isBuiltin(words.get(0))) return;
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
     * For shell completion: attaches the service commands from the catalog copy kept by the last
     * call with these options ({@link RuntimeResolver#keptCatalog}) when {@code typed} (the words
     * before the one being completed) may name a service. Asks no runtime and starts none; a
     * missing or unreadable copy leaves the built-ins alone.
     */
    public static void attachKept(CommandLine root, String[] typed, RuntimeResolver resolver) {
        String first = ArgScan.firstPositional(typed, root.getCommandSpec());
        if (first != null && BuiltinCommands.isBuiltin(first)) return;
        GlobalOptions options = GlobalOptionsParser.parse(typed);
        if (options == null) return;
        Optional<byte[]> kept = resolver.keptCatalog(options);
        if (kept.isEmpty()) return;
        try {
            new DynamicTreeBuilder(root, new CatalogView(Json.MAPPER.readTree(kept.get()))).build();
        } catch (java.io.IOException e) {
            // an intact copy is JSON the runtime sent; if not, there is nothing to complete from
        }
    }

    /**
     * A signed-in runtime lists only the tools the token's scopes allow (CONTRACT.md §6), so an
     * unknown command may exist but be outside them: say so after the usage error.
     */
    private record ScopeHint(CommandLine.IParameterExceptionHandler delegate, String runtime)
            implements
                CommandLine.IParameterExceptionHandler {
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
