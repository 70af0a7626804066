package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The rules ocli and the runtime share: one refusal text, the parameter named as each side's user wrote it. */
class AuditQueryParserTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private final AuditQueryParser cli = new AuditQueryParser(CLOCK, name -> "--" + name);
    private final AuditQueryParser runtime = new AuditQueryParser(CLOCK, name -> "query parameter '" + name + "'");

    @Test
    void filtersAreTrimmedBlankMatchesEverythingAndAgesCountBackFromNow() {
        AuditFilter f = cli.filter("2h", "2026-06-01T11:59:00Z", " tool_execution ", "deny", "shop:get", " ", null);
        assertThat(f).isEqualTo(new AuditFilter(Instant.parse("2026-06-01T10:00:00Z"),
                Instant.parse("2026-06-01T11:59:00Z"), "tool_execution", "deny", "shop:get", null, null));
        assertThat(runtime.filter(null, "", null, null, null, null, null)).isEqualTo(AuditFilter.all());
        assertThat(cli.filter("90s", "7d", null, null, null, null, null).since())
                .isEqualTo(Instant.parse("2026-06-01T11:58:30Z"));
    }

    @Test
    void pagingValues() {
        assertThat(cli.limit(" 1000 ")).isEqualTo(1000);
        assertThat(cli.limit("")).isNull();
        assertThat(cli.descending(null)).isFalse();
        assertThat(cli.descending("asc")).isFalse();
        assertThat(cli.descending("desc")).isTrue();
        assertThat(cli.cursor("42")).isEqualTo(42L);
        assertThat(cli.cursor(" ")).isNull();
    }

    @Test
    void theSameBadValueGetsTheSameRefusalOnBothSides() {
        refusedAlike(p -> p.filter("yesterday", null, null, null, null, null, null), "since", "yesterday",
                AuditQueryParser.INSTANT);
        refusedAlike(p -> p.filter(null, "99999999999999m", null, null, null, null, null), "until",
                "99999999999999m", AuditQueryParser.INSTANT);
        refusedAlike(p -> p.filter(null, null, null, "maybe", null, null, null), "decision", "maybe",
                AuditQueryParser.DECISIONS);
        refusedAlike(p -> p.limit("0"), "limit", "0", "an integer from 1 to 1000");
        refusedAlike(p -> p.limit("1001"), "limit", "1001", AuditQueryParser.LIMIT);
        refusedAlike(p -> p.limit("ten"), "limit", "ten", AuditQueryParser.LIMIT);
        refusedAlike(p -> p.descending("sideways"), "order", "sideways", "asc or desc");
        refusedAlike(p -> p.cursor("-1"), "cursor", "-1", AuditQueryParser.CURSOR);
        refusedAlike(p -> p.cursor("abc"), "cursor", "abc", AuditQueryParser.CURSOR);
    }

    @Test
    void aLongBadValueIsShownCut() {
        String longValue = "x".repeat(500);
        assertThatThrownBy(() -> runtime.descending(longValue)).hasMessage("query parameter 'order' is '"
                + "x".repeat(64) + "…'; expected asc or desc");
    }

    private void refusedAlike(java.util.function.Consumer<AuditQueryParser> parse, String parameter, String value,
                              String expected) {
        String tail = " is '" + value + "'; expected " + expected;
        assertThatThrownBy(() -> parse.accept(cli)).isInstanceOf(AuditQueryParser.Refusal.class)
                .hasMessage("--" + parameter + tail)
                .satisfies(e -> assertThat(((AuditQueryParser.Refusal) e).parameter()).isEqualTo(parameter));
        assertThatThrownBy(() -> parse.accept(runtime)).isInstanceOf(AuditQueryParser.Refusal.class)
                .hasMessage("query parameter '" + parameter + "'" + tail)
                .satisfies(e -> assertThat(((AuditQueryParser.Refusal) e).expected()).isEqualTo(expected));
    }
}
