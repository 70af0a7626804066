package org.opencli.cli;

import java.util.List;
import org.opencli.cli.commands.AuditCommand;
import org.opencli.cli.commands.AuthCommand;
import org.opencli.cli.commands.CatalogCommand;
import org.opencli.cli.commands.CompleteCommand;
import org.opencli.cli.commands.CompletionCommand;
import org.opencli.cli.commands.ConfigCommand;
import org.opencli.cli.commands.ExplainCommand;
import org.opencli.cli.commands.InitCommand;
import org.opencli.cli.commands.McpCommand;
import org.opencli.cli.commands.RefreshCommand;
import org.opencli.cli.commands.RuntimeCommand;
import org.opencli.cli.commands.SearchCommand;
import org.opencli.cli.commands.StatusCommand;
import org.opencli.cli.commands.ToolCommand;
import org.opencli.cli.commands.WorkflowCommand;
import picocli.CommandLine;

/**
 * The built-in commands by name, in the order help lists them, added to the root only when a
 * command line needs them: picocli builds a command's model by reflection over its class, its
 * options and its subcommands' classes, and doing so for every built-in was most of what
 * {@code ocli --version} and a tool call spent before their own work (docs/performance.md).
 */
public final class BuiltinCommands {
    /** In listing order. */
    private static final List<String> NAMES = List.of("catalog", "tool", "explain", "search", "init", "config",
            "runtime", "status", "refresh", "workflow", "auth", "audit", "mcp", "help", "completion", "__complete");

    private BuiltinCommands() {
    }

    /** A built-in's class; a switch, so only the classes a command line names are loaded. */
    static Class<?> type(String name) {
        return switch (name) {
            case "catalog" -> CatalogCommand.class;
            case "tool" -> ToolCommand.class;
            case "explain" -> ExplainCommand.class;
            case "search" -> SearchCommand.class;
            case "init" -> InitCommand.class;
            case "config" -> ConfigCommand.class;
            case "runtime" -> RuntimeCommand.class;
            case "status" -> StatusCommand.class;
            case "refresh" -> RefreshCommand.class;
            case "workflow" -> WorkflowCommand.class;
            case "auth" -> AuthCommand.class;
            case "audit" -> AuditCommand.class;
            case "mcp" -> McpCommand.class;
            case "help" -> HelpCommand.class;
            case "completion" -> CompletionCommand.class;
            case "__complete" -> CompleteCommand.class;
            default -> throw new IllegalArgumentException("not a built-in command: " + name);
        };
    }

    /** The names, in listing order. */
    static List<String> names() {
        return NAMES;
    }

    /** True when {@code word} names a built-in command (a service of that alias is never built). */
    public static boolean isBuiltin(String word) {
        return word != null && NAMES.contains(word);
    }

    /**
     * Adds what {@code args} need before the parse: the one built-in the first word names; all of
     * them for the root's own help, {@code help} and completion; none for {@code --version} alone
     * or a service command (whose words are resolved against the catalog).
     */
    static void addFor(CommandLine root, String first, String[] args) {
        if (first == null) {
            if (!versionOnly(args)) addAll(root);
        } else if (first.equals("help") || first.equals("__complete")) {
            addAll(root);
        } else if (isBuiltin(first)) {
            root.addSubcommand(first, type(first));
        }
    }

    /**
     * After the service commands were attached: when the first word still names nothing, every
     * built-in joins, so the usage error lists and suggests them too. True when any was added.
     */
    static boolean addAllIfUnresolved(CommandLine root, String first) {
        if (first == null || root.getSubcommands().containsKey(first)) return false;
        addAll(root);
        return true;
    }

    /** Every built-in the root does not have yet, in listing order. */
    public static void addAll(CommandLine root) {
        for (String name : NAMES) {
            if (!root.getSubcommands().containsKey(name)) root.addSubcommand(name, type(name));
        }
    }

    private static boolean versionOnly(String[] args) {
        boolean version = false;
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) return false;
            if (arg.equals("-V") || arg.equals("--version")) version = true;
        }
        return version;
    }
}
