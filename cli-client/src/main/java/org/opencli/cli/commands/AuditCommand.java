package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "audit", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo audit list --limit 20", "  ocli audit tail -f"},
        description = "Read, follow and verify the runtime's audit trail (see docs/audit.md).",
        subcommands = {AuditListCommand.class, AuditTailCommand.class, AuditVerifyCommand.class})
public class AuditCommand extends GroupCommand {
}
