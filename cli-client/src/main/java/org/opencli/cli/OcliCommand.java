package org.opencli.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.runtime.RuntimeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ocli}: the built-in commands ({@link BuiltinCommands}, added as a command line needs them); the service commands ({@code ocli <alias> ...}) are added at
 * start from the catalog by {@link org.opencli.cli.dynamic.DynamicCommands}.
 */
@TopCommand
@Command(name = "ocli", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A governed command line over OpenAPI-described APIs.",
        synopsisSubcommandLabel = "(COMMAND | <service> <group> <command>)",
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo catalog list", "  ocli --demo shop items get-item 1", "  ocli help catalog list"})
public class OcliCommand implements Runnable {
    @Mixin
    GlobalOptions options;

    @Spec
    CommandSpec spec;

    private CliSession session;
    private RuntimeResolver resolver;
    private ConsoleIo console = ConsoleIo.system();

    /** The resolver sessions use (tests pass one with their own environment). */
    public void useResolver(RuntimeResolver resolver) {
        this.resolver = resolver;
    }

    /** The streams tool commands use (tests pass their own). */
    public void useConsole(ConsoleIo console) {
        this.console = console;
    }

    public ConsoleIo console() {
        return console;
    }

    public GlobalOptions options() {
        return options;
    }

    /** The invocation's session, created on first use from the parsed global options. */
    public CliSession session() {
        if (session == null) session = new CliSession(options, resolver());
        return session;
    }

    /** Starts the session from options parsed ahead of the real parse (for the dynamic tree). */
    public CliSession openSession(GlobalOptions preParsed) {
        session = new CliSession(preParsed, resolver());
        return session;
    }

    private RuntimeResolver resolver() {
        return resolver != null ? resolver : RuntimeResolver.standard();
    }

    public void closeSession() {
        if (session != null) session.close();
    }

    @Override
    public void run() {
        throw UsageErrors.missingCommand(spec.commandLine());
    }
}
