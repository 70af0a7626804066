package org.opencli.cli;

import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.output.TerminalWidth;
import picocli.CommandLine;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help wrapped at the terminal's width (80 when not on a terminal), measured only when help is
 * actually shown, with the same detection the tables use.
 */
public final class FittedHelp implements CommandLine.IHelpFactory {
    @Override
    public CommandLine.Help create(CommandSpec spec, ColorScheme colors) {
        spec.usageMessage().width(TerminalWidth.forHelp(GlobalOptions.stdoutIsTerminal()));
        return new CommandLine.Help(spec, colors);
    }
}
