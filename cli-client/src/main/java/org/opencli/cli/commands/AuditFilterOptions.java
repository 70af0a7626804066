package org.opencli.cli.commands;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.audit.AuditFilter;
import org.opencli.core.audit.AuditQueryParser;
import picocli.CommandLine.Option;

/**
 * The record filters {@code ocli audit list} and {@code ocli audit tail} share (a picocli mixin).
 * Values are checked here, by the engine's {@link AuditQueryParser}, so a bad time is the same usage
 * error whether the trail is read from a daemon or from local files, in the runtime's words.
 */
public class AuditFilterOptions {
    /** The runtime's parameter names as ocli's options spell them. */
    private static final Map<String, String> OPTIONS = Map.of("since", "--since", "until", "--until",
            "eventType", "--event-type", "decision", "--decision", "toolId", "--tool", "principal", "--principal",
            "requestId", "--request-id", "limit", "--limit", "cursor", "--cursor", "order", "--order");

    @Option(names = "--since", paramLabel = "TIME",
            description = "Records at or after TIME: an ISO-8601 instant (2026-01-31T12:00:00Z) or an age (90s, 15m, 2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Records before TIME (same forms as --since).")
    String until;

    @Option(names = "--event-type", paramLabel = "TYPE",
            description = "Only this event type (tool_execution, authz_denial, authn_failure, audit_recovered, ...).")
    String eventType;

    @Option(names = "--tool", paramLabel = "TOOL_ID", description = "Only records of this tool id (e.g. tickets:createTicket).")
    String tool;

    @Option(names = "--decision", paramLabel = "DECISION", description = "Only allow, deny or error.")
    String decision;

    @Option(names = "--principal", paramLabel = "NAME", description = "Only records of this principal.")
    String principal;

    @Option(names = "--request-id", paramLabel = "ID", description = "Only records of this request id (X-Request-Id).")
    String requestId;

    /** The filter for reading local files. */
    AuditFilter filter(Clock clock) {
        AuditQueryParser parser = parser(clock);
        return checked(() -> parser.filter(since, until, eventType, decision, tool, principal, requestId));
    }

    /** The same filter as the runtime's query parameters. */
    Map<String, String> query(Clock clock) {
        AuditFilter f = filter(clock);
        Map<String, String> q = new LinkedHashMap<>();
        if (f.since() != null) q.put("since", f.since().toString());
        if (f.until() != null) q.put("until", f.until().toString());
        if (f.eventType() != null) q.put("eventType", f.eventType());
        if (f.decision() != null) q.put("decision", f.decision());
        if (f.toolId() != null) q.put("toolId", f.toolId());
        if (f.principal() != null) q.put("principal", f.principal());
        if (f.requestId() != null) q.put("requestId", f.requestId());
        return q;
    }

    /** The engine's audit query rules (the runtime's too), with parameters named as ocli's options. */
    static AuditQueryParser parser(Clock clock) {
        return new AuditQueryParser(clock, name -> OPTIONS.getOrDefault(name, name));
    }

    /** A refusal of those rules as a usage error, its text unchanged. */
    static <T> T checked(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (AuditQueryParser.Refusal r) {
            throw usage(r.getMessage());
        }
    }

    static CliException usage(String detail) {
        return new CliException(ExitCodes.USAGE, "invalid_option", "Invalid option", detail);
    }
}
