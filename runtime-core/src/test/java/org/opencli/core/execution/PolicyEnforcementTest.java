package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** Each refusal has its code, is a 403 (404 for unknown tools), is audited, and the server sees nothing. */
class PolicyEnforcementTest extends WithExecFixture {
    private void refused(ExecFixture.Call call, String code) {
        OcliException e = f.failure(call);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(f.server.seen).isEmpty();
        assertThat(f.lastAudit().path("decision").asText()).isEqualTo("deny");
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo(code);
    }

    @Test
    void unknownToolIsNotFound() {
        OcliException e = f.failure(f.call("exec:nope"));
        assertThat(e.code()).isEqualTo("unknown_tool");
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(f.server.seen).isEmpty();
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("unknown_tool");
    }

    @Test
    void managedDenyComesFirstAndCannotBeLifted() {
        f.managed("{\"policy\": {\"deny\": [\"exec:search\"]}}");
        f.config("\"policy\": {\"deny\": [\"exec:*\"]}");
        refused(f.call("exec:search").flag("term", "x"), "managed_deny");
    }

    @Test
    void policyDeny() {
        f.config("\"policy\": {\"deny\": [\"exec:sea*\"]}");
        refused(f.call("exec:search").flag("term", "x"), "policy_deny");
    }

    @Test
    void toolOutsideTheProfileViewIsCuratedDeny() {
        f.config("\"curation\": {\"toolSets\": {\"readonly\": {\"allow\": [\"exec:getItem\"], \"deny\": [\"**\"]}}},"
                + " \"agents\": {\"profiles\": {\"reader\": {\"mode\": \"curated\", \"toolSet\": \"readonly\"}}}");
        refused(f.call("exec:search").flag("term", "x").profile("reader"), "curated_deny");
        f.run(f.call("exec:getItem").args("1").profile("reader"));
        assertThat(f.server.seen).hasSize(1);
    }

    @Test
    void approvalRequiredUntilApproved() {
        refused(f.call("exec:purge"), "approval_required");
        f.run(f.call("exec:purge").approve());
        assertThat(f.server.last().method()).isEqualTo("DELETE");
        assertThat(f.lastAudit().path("decision").asText()).isEqualTo("allow");
    }

    @Test
    void policyApprovalRequiredPatternAlsoNeedsApproval() {
        f.config("\"policy\": {\"approvalRequired\": [\"exec:getReport\"]}");
        refused(f.call("exec:getReport"), "approval_required");
    }
}
