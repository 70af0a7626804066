package org.opencli.cli.commands;

import java.util.concurrent.Callable;
import org.opencli.cli.CliSession;
import org.opencli.cli.OcliCommand;
import org.opencli.cli.output.OutputWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the built-in commands: the session and the output writer. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CliSession session() {
        return ((OcliCommand) spec.root().userObject()).session();
    }

    OutputWriter output() {
        return session().output(spec.commandLine().getOut());
    }
}
