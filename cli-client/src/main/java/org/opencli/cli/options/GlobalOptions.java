package org.opencli.cli.options;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, including the dynamic tool commands. Declared once on the root
 * (as a mixin) with INHERIT scope: picocli copies them into each subcommand and writes the values
 * back to this one instance, wherever on the command line they appear.
 */
public class GlobalOptions {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Project config (.cli.json); default: nearest .cli.json in the current directory or a parent.")
    public String config;

    @Option(names = "--mode", scope = ScopeType.INHERIT, paramLabel = "MODE",
            description = "Catalog mode: discover or curated.")
    public String mode;

    @Option(names = "--agent-profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Agent profile whose view to use.")
    public String agentProfile;

    @Option(names = "--runtime", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Runtime (oclird) base URL.")
    public String runtimeUrl;

    @Option(names = "--embedded", scope = ScopeType.INHERIT,
            description = "Run the runtime engine in-process instead of talking to a daemon.")
    public boolean embedded;

    @Option(names = "--instance-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "Runtime instance id (default: OCLI_INSTANCE_ID, else derived from the config path).")
    public String instanceId;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "State root (default: OCLI_STATE_DIR, else $XDG_STATE_HOME/oas-cli).")
    public String stateDir;

    @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            description = "Output format: json, yaml, pretty or table (default: table on a terminal, json otherwise).")
    public OutputFormat format;

    @Option(names = "--demo", scope = ScopeType.INHERIT,
            description = "Use the built-in demo API (needs no config and no runtime).")
    public boolean demo;

    /** The format to render with: the explicit one, else by whether stdout is a terminal. */
    public OutputFormat effectiveFormat() {
        return format != null ? format : OutputFormat.defaultFor(stdoutIsTerminal());
    }

    /** System.console() is non-null for a terminal; on JDK 22+ it always is, so ask isTerminal() there. */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a console exists only for a terminal
        }
    }
}
