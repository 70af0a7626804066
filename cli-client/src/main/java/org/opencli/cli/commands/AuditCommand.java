package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read, follow and verify the runtime's audit trail (see docs/audit.md).",
        subcommands = {AuditListCommand.class, AuditTailCommand.class, AuditVerifyCommand.class})
public class AuditCommand extends GroupCommand {
}
