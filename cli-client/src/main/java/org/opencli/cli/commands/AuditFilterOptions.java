package org.opencli.cli.commands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.audit.AuditFilter;
import picocli.CommandLine.Option;

/**
 * The record filters {@code ocli audit list} and {@code ocli audit tail} share (a picocli mixin).
 * Values are checked here, so a bad time is the same usage error whether the trail is read from a
 * daemon or from local files.
 */
public class AuditFilterOptions {
    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");
    private static final List<String> DECISIONS = List.of("allow", "deny", "error");

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
        return new AuditFilter(instant("--since", since, clock), instant("--until", until, clock), blank(eventType),
                decision(), blank(tool), blank(principal), blank(requestId));
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

    private String decision() {
        String d = blank(decision);
        if (d != null && !DECISIONS.contains(d)) {
            throw usage("--decision is '" + d + "'; expected allow, deny or error");
        }
        return d;
    }

    static Instant instant(String option, String value, Clock clock) {
        String v = blank(value);
        if (v == null) return null;
        Matcher age = AGE.matcher(v);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw usage(option + " is '" + v + "'; expected an ISO-8601 instant such as 2026-01-31T12:00:00Z"
                    + " or an age such as 15m, 2h or 7d");
        }
    }

    static CliException usage(String detail) {
        return new CliException(ExitCodes.USAGE, "invalid_option", "Invalid option", detail);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
