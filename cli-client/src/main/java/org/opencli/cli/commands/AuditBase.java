package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import org.opencli.cli.audit.AuditReader;
import org.opencli.cli.audit.AuditRows;
import org.opencli.cli.audit.LocalAuditReader;
import org.opencli.cli.audit.RemoteAuditReader;
import org.opencli.cli.options.OutputFormat;
import org.opencli.cli.runtime.AuditLocation;
import org.opencli.cli.runtime.HttpRuntimeClient;
import org.opencli.core.json.Json;

/** What the audit commands share: where the trail is read from, and how streamed records print. */
abstract class AuditBase extends BaseCommand {
    final Clock clock = Clock.systemUTC();

    AuditLocation location() {
        return session().resolver().auditLocation(session().options());
    }

    /** The daemon's endpoints when the CLI talks to one, else the instance's local files. */
    AuditReader reader() {
        AuditLocation where = location();
        if (where.remote() && session().runtime().client() instanceof HttpRuntimeClient http) {
            return new RemoteAuditReader(http);
        }
        return new LocalAuditReader(where.localAuditPath());
    }

    /** One record as a streamed line: aligned columns for the table format, compact JSON (NDJSON) otherwise. */
    void printRecord(PrintWriter out, JsonNode record) {
        out.println(output().format() == OutputFormat.TABLE ? AuditRows.line(record) : Json.write(record));
        out.flush();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
