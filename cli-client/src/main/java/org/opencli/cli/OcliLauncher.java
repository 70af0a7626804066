package org.opencli.cli;

import java.io.PrintWriter;
import org.opencli.cli.dynamic.DynamicCommands;
import org.opencli.cli.runtime.RuntimeResolver;
import picocli.CommandLine;

/**
 * Builds the command line (built-ins, then the catalog's service commands when the first word is
 * not a built-in), runs it and returns the exit code. Free of Quarkus so tests can run it in a
 * bare JVM.
 */
public final class OcliLauncher {
    private OcliLauncher() {
    }

    public static int run(CommandLine.IFactory factory, RuntimeResolver resolver, String... args) {
        return run(factory, resolver, null, null, args);
    }

    /** With explicit stdout/stderr writers (null: the process streams), for tests. */
    public static int run(CommandLine.IFactory factory, RuntimeResolver resolver, PrintWriter out, PrintWriter err,
                          String... args) {
        return run(factory, resolver, out, err, null, args);
    }

    /** With explicit writers and console streams (null: the process's), for tests. */
    public static int run(CommandLine.IFactory factory, RuntimeResolver resolver, PrintWriter out, PrintWriter err,
                          ConsoleIo console, String... args) {
        CommandLine commandLine = create(factory, args);
        String first = DynamicCommands.firstWord(commandLine, args);
        if (out != null) commandLine.setOut(out);
        if (err != null) commandLine.setErr(err);
        OcliCommand root = commandLine.getCommand();
        root.useResolver(resolver);
        if (console != null) root.useConsole(console);
        try {
            try {
                DynamicCommands.attachIfNeeded(commandLine, args);
            } catch (RuntimeException e) {
                return ErrorReporter.report(e, commandLine.getErr(), root.session().options().format);
            }
            if (BuiltinCommands.addAllIfUnresolved(commandLine, first)) handOn(commandLine);
            return commandLine.execute(args);
        } finally {
            root.closeSession();
        }
    }

    /** The whole tree: every built-in command (tests walk it). */
    public static CommandLine create(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(OcliCommand.class, factory);
        BuiltinCommands.addAll(commandLine);
        configure(commandLine);
        return commandLine;
    }

    /** The root with only the built-ins {@code args} need ({@link BuiltinCommands#addFor}). */
    static CommandLine create(CommandLine.IFactory factory, String[] args) {
        CommandLine commandLine = new CommandLine(OcliCommand.class, factory);
        BuiltinCommands.addFor(commandLine, DynamicCommands.firstWord(commandLine, args), args);
        configure(commandLine);
        return commandLine;
    }

    /**
     * Picocli hands a setting to the subcommands present when it is set: gives the ones added
     * since the root's current settings (which may have changed since {@link #configure}).
     */
    private static void handOn(CommandLine root) {
        root.setExpandAtFiles(root.isExpandAtFiles());
        root.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
        root.setExitCodeExceptionMapper(root.getExitCodeExceptionMapper());
        root.setParameterExceptionHandler(root.getParameterExceptionHandler());
        root.setExecutionStrategy(root.getExecutionStrategy());
        root.setHelpFactory(root.getHelpFactory());
        root.setOut(root.getOut());
        root.setErr(root.getErr());
    }

    /** The settings of the whole tree, once its built-ins are added. */
    static void configure(CommandLine commandLine) {
        // "@file" is an option's value (--body @ticket.json reads the file itself), never picocli's
        // argument file: expanded, the file's words would become arguments.
        commandLine.setExpandAtFiles(false);
        ErrorReporter errors = new ErrorReporter();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setExitCodeExceptionMapper(errors);
        commandLine.setParameterExceptionHandler(new UsageErrors());
        commandLine.setExecutionStrategy(new StrictExecution());
        commandLine.setHelpFactory(new FittedHelp());
        CommandLine.Model.UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
        usage.footer(java.util.stream.Stream.concat(java.util.Arrays.stream(usage.footer()),
                java.util.Arrays.stream(ExitCodes.HELP_FOOTER)).toArray(String[]::new));
    }
}
