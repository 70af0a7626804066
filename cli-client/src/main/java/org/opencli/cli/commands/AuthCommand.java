package org.opencli.cli.commands;

import picocli.CommandLine.Command;

/** {@code ocli auth}: signing in to a remote runtime (docs/auth.md, "Signing in with ocli"). */
@Command(name = "auth", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli auth login --runtime https://oclird.example.com", "  ocli auth status"},
        description = "Sign in to a remote runtime and manage the cached tokens.",
        subcommands = {AuthLoginCommand.class, AuthLogoutCommand.class, AuthStatusCommand.class, AuthTokenCommand.class})
public class AuthCommand extends GroupCommand {
}
