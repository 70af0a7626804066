package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.core.error.OcliException;

/**
 * An unknown tool id or agent profile is the caller's unchecked text: the body allows megabytes of it,
 * with terminal controls. Its audit record and the refusal's detail carry it bounded and printable.
 */
class CallerTextInRecordsTest extends WithExecFixture {
    private static final String HOSTILE = "x\u001b]0;pwned\u0007\u001b[2J" + "n".repeat(200_000);

    @Test
    void anUnknownToolIdIsRecordedBoundedAndPrintable() {
        OcliException e = f.failure(f.call(HOSTILE));
        assertThat(e.code()).isEqualTo("unknown_tool");
        assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\u001b").doesNotContain("\u0007");

        String recorded = f.lastAudit().path("toolId").asText();
        assertThat(recorded).startsWith("x?]0;pwned??[2Jnnn").endsWith("…").hasSize(129);
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("unknown_tool");
    }

    @Test
    void anUnknownProfileIsRecordedBoundedAndPrintable() {
        OcliException e = f.failure(f.call("exec:getReport").profile(HOSTILE));
        assertThat(e.code()).isEqualTo("unknown_profile");

        assertThat(f.lastAudit().path("agentProfile").asText()).startsWith("x?]0;pwned").hasSize(129);
        assertThat(f.lastAudit().path("toolId").asText()).isEqualTo("exec:getReport");
    }

    @Test
    void aToolOfTheCatalogIsRecordedAsItsId() {
        f.run(f.call("exec:getReport"));
        assertThat(f.lastAudit().path("toolId").asText()).isEqualTo("exec:getReport");
    }
}
