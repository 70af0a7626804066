package org.opencli.cli.commands;

import picocli.CommandLine.Command;

/** {@code ocli auth token}: prints a valid access token (refreshed or re-acquired if needed), for scripts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  TOKEN=$(ocli auth token)"},
        description = "Print the access token for the remote runtime (for scripts; the only command that shows it).")
public class AuthTokenCommand extends AuthBase {
    @Override
    public Integer call() {
        spec.commandLine().getOut().println(remoteAuth().token());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
