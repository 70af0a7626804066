package org.opencli.core.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Rfc5424Test {
    private static SyslogEntry entry(String timestamp, String eventType, Long seq, String decision, String toolId) {
        return new SyslogEntry(timestamp, eventType, seq, decision, toolId, "{\"seq\":" + seq + "}");
    }

    @Test
    void rendersHeaderStructuredDataAndMessage() {
        String m = Rfc5424.message(entry("2026-11-29T08:50:27.123Z", "tool_execution", 7L, "allow", "a\"b\\c]d"),
                "host1", "oclird", "42", 0);
        assertThat(m).isEqualTo("<110>1 2026-11-29T08:50:27.123000Z host1 oclird 42 tool_execution "
                + "[ocli@32473 seq=\"7\" decision=\"allow\" toolId=\"a\\\"b\\\\c\\]d\"] {\"seq\":7}");
    }

    @Test
    void denyAndErrorAreWarningsOthersInfo() {
        assertThat(Rfc5424.message(entry(null, "x", 1L, "deny", null), "h", "a", "1", 0)).startsWith("<108>1 - ");
        assertThat(Rfc5424.message(entry(null, "x", 1L, "error", null), "h", "a", "1", 0)).startsWith("<108>1 ");
        assertThat(Rfc5424.message(entry(null, "x", 1L, null, null), "h", "a", "1", 0))
                .startsWith("<110>1 ").contains("[ocli@32473 seq=\"1\"] ");
    }

    @Test
    void droppedCountIsAddedWhenPositive() {
        assertThat(Rfc5424.message(entry(null, "x", 3L, "allow", "t"), "h", "a", "1", 12))
                .contains("[ocli@32473 seq=\"3\" decision=\"allow\" toolId=\"t\" dropped=\"12\"]");
    }

    @Test
    void timestampsAreUtcMicrosecondsOrNil() {
        assertThat(Rfc5424.timestamp("2026-11-29T10:50:27.123456789+02:00")).isEqualTo("2026-11-29T08:50:27.123456Z");
        assertThat(Rfc5424.timestamp("yesterday")).isEqualTo("-");
        assertThat(Rfc5424.timestamp(null)).isEqualTo("-");
    }

    @Test
    void headerFieldsArePrintableAsciiAndCapped() {
        assertThat(Rfc5424.headerField("a b\tcé", 48)).isEqualTo("a_b_c_");
        assertThat(Rfc5424.headerField("x".repeat(40), 32)).hasSize(32);
        assertThat(Rfc5424.headerField("", 32)).isEqualTo("-");
        assertThat(Rfc5424.headerField(null, 32)).isEqualTo("-");
    }

    @Test
    void octetCountingCountsUtf8Bytes() {
        assertThat(new String(Rfc5424.frame("é!"), StandardCharsets.UTF_8)).isEqualTo("3 é!");
    }
}
