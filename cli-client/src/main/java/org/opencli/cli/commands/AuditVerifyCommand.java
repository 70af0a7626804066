package org.opencli.cli.commands;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.audit.AuditVerification;
import org.opencli.core.audit.AuditVerifier;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocli audit verify}: walks the local hash chain (the live file and its rotated siblings).
 * Exit 0 with "verified N records", or exit {@link ExitCodes#AUDIT_BROKEN} naming the first broken
 * record (file, line, seq, why). It only reads: no engine is started, so nothing is recovered or
 * appended before the check.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli audit verify --path ~/.local/state/oas-cli/instances/default/audit.log"},
        description = "Verify the local audit trail's hash chain (exit 9 when a record is broken).")
public class AuditVerifyCommand extends AuditBase {
    @Option(names = "--path", paramLabel = "P",
            description = "The audit file (audit.log) or its directory; default: the local daemon's auditPath from the "
                    + "registry, else the instance's default audit path.")
    String path;

    @Override
    public Integer call() {
        Path target = path != null ? session().resolver().cwd().resolve(path).toAbsolutePath().normalize()
                : location().localAuditPath();
        Path live = Files.isDirectory(target) ? target.resolve("audit.log") : target;
        if (!Files.exists(live)) {
            throw new CliException(ExitCodes.NOT_FOUND, "audit_not_found", "No audit trail",
                    "no audit file at " + live + (path == null ? " (nothing recorded yet for this instance? use --path)" : ""));
        }
        AuditVerification result;
        try {
            result = AuditVerifier.verify(target);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.INTERNAL, "audit_unreadable", "Audit trail unreadable",
                    "cannot read the audit files at " + live + ": " + e.getCause().getMessage());
        }
        String text = result.verified() ? result.message()
                : "BROKEN: " + result.file() + " line " + result.line() + (result.seq() == null ? "" : " seq " + result.seq())
                        + " (" + result.reason() + "): " + result.message() + "; " + result.records()
                        + " records before it verified";
        output().writeStatus(Json.MAPPER.valueToTree(result), text);
        return result.verified() ? 0 : ExitCodes.AUDIT_BROKEN;
    }
}
