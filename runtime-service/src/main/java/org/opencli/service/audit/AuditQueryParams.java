package org.opencli.service.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.opencli.core.audit.AuditFilter;
import org.opencli.core.audit.AuditQuery;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/**
 * The query parameters of the audit endpoints, checked: a bad value fails with a 400 problem naming
 * the parameter and what was expected.
 */
public record AuditQueryParams(AuditFilter filter, Long cursor, Integer limit, boolean descending) {

    public static AuditFilter filter(String since, String until, String eventType, String decision, String toolId,
                                     String principal, String requestId) {
        return new AuditFilter(instant("since", since), instant("until", until), blankToNull(eventType),
                blankToNull(decision), blankToNull(toolId), blankToNull(principal), blankToNull(requestId));
    }

    public static AuditQueryParams of(AuditFilter filter, String cursor, String limit, String order) {
        Long c = cursor == null || cursor.isBlank() ? null : seq("cursor", cursor, "a cursor returned as nextCursor");
        Integer l = null;
        if (limit != null && !limit.isBlank()) {
            try {
                l = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                l = -1;
            }
            if (l < 1 || l > AuditQuery.MAX_LIMIT) throw bad("limit", limit, "an integer from 1 to " + AuditQuery.MAX_LIMIT);
        }
        boolean desc;
        if (order == null || order.isBlank() || order.equals("asc")) {
            desc = false;
        } else if (order.equals("desc")) {
            desc = true;
        } else {
            throw bad("order", order, "asc or desc");
        }
        return new AuditQueryParams(filter, c, l, desc);
    }

    /** A seq as sent in {@code cursor} or {@code Last-Event-ID}: a non-negative integer. */
    public static long seq(String name, String value, String expected) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad(name, value, expected);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(name, value, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static OcliException bad(String name, String value, String expected) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return new OcliException(ErrorKind.BAD_REQUEST, "invalid_parameter", "Invalid query parameter",
                "query parameter '" + name + "' is '" + shown + "'; expected " + expected,
                List.of(new ProblemItem(null, name, "invalid value", expected)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
