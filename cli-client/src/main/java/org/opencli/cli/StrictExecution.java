package org.opencli.cli;

import picocli.CommandLine;

/**
 * Runs the last command like picocli's {@code RunLast}, but first refuses words no command took.
 * Picocli drops them when {@code --help} is also present, so {@code ocli config nope --help} would
 * print config's help and exit 0; here it is the same usage error as without {@code --help}.
 */
final class StrictExecution implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy delegate = new CommandLine.RunLast();

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            // a command that takes any words (unmatchedArgumentsAllowed) keeps them
            if (!level.unmatched().isEmpty() && !level.commandSpec().parser().unmatchedArgumentsAllowed()) {
                throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return delegate.execute(parseResult);
    }
}
