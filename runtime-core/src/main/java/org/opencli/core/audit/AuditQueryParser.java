package org.opencli.core.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.core.text.Strings;

/**
 * The audit query rules, once for {@code ocli audit list/tail} and the runtime's {@code /v1/audit}
 * endpoints: filters, time bounds (an ISO-8601 instant or an age such as {@code 15m}), the page
 * limit, order and cursor. A bad value is a {@link Refusal} whose text is the same on both sides but
 * for how the parameter is named there ({@code --since}, {@code query parameter 'since'}).
 */
public final class AuditQueryParser {
    public static final String INSTANT = "an ISO-8601 instant such as 2026-01-31T12:00:00Z or an age such as 15m, 2h or 7d";
    public static final String DECISIONS = "allow, deny or error";
    public static final String LIMIT = "an integer from 1 to " + AuditQuery.MAX_LIMIT;
    public static final String ORDER = "asc or desc";
    public static final String CURSOR = "a cursor returned as nextCursor by the previous page";
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");
    private static final List<String> DECISION_VALUES = List.of("allow", "deny", "error");
    private static final int SHOWN = 64;

    /** A value the rules refuse: {@code parameter} is the canonical name (e.g. {@code since}). */
    public static final class Refusal extends IllegalArgumentException {
        private final String parameter;
        private final String expected;

        Refusal(String parameter, String detail, String expected) {
            super(detail);
            this.parameter = parameter;
            this.expected = expected;
        }

        public String parameter() {
            return parameter;
        }

        public String expected() {
            return expected;
        }
    }

    private final Clock clock;
    private final UnaryOperator<String> naming;

    /**
     * @param clock  what ages ({@code 15m}) count back from
     * @param naming how the caller's user wrote a canonical parameter name ({@code since} → {@code --since})
     */
    public AuditQueryParser(Clock clock, UnaryOperator<String> naming) {
        this.clock = clock;
        this.naming = naming;
    }

    /** Blank values match everything; the others are trimmed and checked. */
    public AuditFilter filter(String since, String until, String eventType, String decision, String toolId,
                              String principal, String requestId) {
        return new AuditFilter(instant("since", since), instant("until", until), Strings.trimToNull(eventType),
                decision(decision), Strings.trimToNull(toolId), Strings.trimToNull(principal),
                Strings.trimToNull(requestId));
    }

    /** The page size, null when blank (the store's default applies). */
    public Integer limit(String value) {
        String v = Strings.trimToNull(value);
        if (v == null) return null;
        int limit;
        try {
            limit = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) throw refuse("limit", value, LIMIT);
        return limit;
    }

    /** Newest first: {@code desc}; {@code asc} or blank is oldest first. */
    public boolean descending(String order) {
        String v = Strings.trimToNull(order);
        if (v == null || v.equals("asc")) return false;
        if (v.equals("desc")) return true;
        throw refuse("order", order, ORDER);
    }

    /** The seq a page starts after, null when blank. */
    public Long cursor(String value) {
        return Strings.blankToNull(value) == null ? null : seq("cursor", value, CURSOR);
    }

    /** A seq (cursor, {@code Last-Event-ID}): a non-negative integer. */
    public long seq(String parameter, String value, String expected) {
        try {
            long v = Long.parseLong(value.strip());
            if (v >= 0) return v;
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw refuse(parameter, value, expected);
    }

    private String decision(String value) {
        String v = Strings.trimToNull(value);
        if (v != null && !DECISION_VALUES.contains(v)) throw refuse("decision", value, DECISIONS);
        return v;
    }

    private Instant instant(String parameter, String value) {
        String v = Strings.trimToNull(value);
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
            throw refuse(parameter, value, INSTANT);
        }
    }

    private Refusal refuse(String parameter, String value, String expected) {
        String shown = value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
        return new Refusal(parameter, naming.apply(parameter) + " is '" + shown + "'; expected " + expected, expected);
    }
}
