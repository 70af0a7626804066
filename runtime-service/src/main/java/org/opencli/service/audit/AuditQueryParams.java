package org.opencli.service.audit;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.opencli.core.audit.AuditFilter;
import org.opencli.core.audit.AuditQueryParser;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/**
 * The query parameters of the audit endpoints, checked by the engine's {@link AuditQueryParser} (the
 * rules {@code ocli audit} applies too): a bad value fails with a 400 problem naming the parameter
 * and what was expected.
 */
public record AuditQueryParams(AuditFilter filter, Long cursor, Integer limit, boolean descending) {

    private static final AuditQueryParser PARSER = new AuditQueryParser(Clock.systemUTC(),
            name -> "query parameter '" + name + "'");

    public static AuditFilter filter(String since, String until, String eventType, String decision, String toolId,
                                     String principal, String requestId) {
        return checked(() -> PARSER.filter(since, until, eventType, decision, toolId, principal, requestId));
    }

    public static AuditQueryParams of(AuditFilter filter, String cursor, String limit, String order) {
        return checked(() -> new AuditQueryParams(filter, PARSER.cursor(cursor), PARSER.limit(limit),
                PARSER.descending(order)));
    }

    /** A seq as sent in {@code cursor} or {@code Last-Event-ID}: a non-negative integer. */
    public static long seq(String name, String value, String expected) {
        return checked(() -> PARSER.seq(name, value, expected));
    }

    private static <T> T checked(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (AuditQueryParser.Refusal r) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_parameter", "Invalid query parameter",
                    r.getMessage(), List.of(new ProblemItem(null, r.parameter(), "invalid value", r.expected())));
        }
    }
}
