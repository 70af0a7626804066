package org.opencli.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Parameters;

/**
 * {@code ocli help [COMMAND...]}: the help of the command those words name, built-in or from the
 * catalog. A word that names no command is the same usage error as elsewhere.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
        description = "Show the help of a command: the same text as 'ocli COMMAND... --help'.",
        footerHeading = "%nExamples:%n",
        footer = {"  ocli help catalog list", "  ocli --demo help shop items list-items"})
public class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command's words, e.g. 'catalog list'.")
    String[] words = {};

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String word : words) {
            CommandLine next = target.getSubcommands().get(word);
            if (next == null) throw UsageErrors.unknownCommand(target, word);
            target = next;
        }
        target.usage(out, colors);
    }
}
