package org.opencli.cli.commands;

import org.opencli.cli.UsageErrors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: invoked alone, it is a usage error. */
abstract class GroupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw UsageErrors.missingCommand(spec.commandLine());
    }
}
