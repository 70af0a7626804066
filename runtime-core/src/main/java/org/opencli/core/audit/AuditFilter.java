package org.opencli.core.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which records a query or a feed subscriber wants. Null fields match everything; {@code since} is
 * inclusive and {@code until} exclusive; the others are exact matches.
 */
public record AuditFilter(Instant since, Instant until, String eventType, String decision, String toolId,
        String principal, String requestId) {

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null, null);
    }

    public boolean matches(AuditRecord r) {
        if (!same(eventType, r.eventType()) || !same(decision, r.decision()) || !same(toolId, r.toolId())
                || !same(principal, r.principal()) || !same(requestId, r.requestId())) {
            return false;
        }
        if (since == null && until == null) return true;
        Instant at;
        try {
            at = r.timestamp() == null ? null : Instant.parse(r.timestamp());
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) return false;
        return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }
}
