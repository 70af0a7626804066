package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.auth.Caller;
import org.opencli.core.auth.DelegationChain;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.engine.CatalogResponse;
import org.opencli.core.error.OcliException;

/**
 * With a caller carrying scopes (auth on) the engine filters catalog answers by the envelope and
 * refuses tools outside it before policy, secrets or the network; both are audited.
 */
class EnvelopeEnforcementTest extends WithExecFixture {
    static Caller caller(String... scopes) {
        return new Caller("alice", "ocli-ci", null, "req-1", Set.of(scopes));
    }

    CatalogResponse catalog(Caller caller) {
        return f.engine().effectiveCatalog(new CatalogQuery(dir.resolve(".cli.json").toString(), null, null), caller);
    }

    List<JsonNode> events(String type) {
        return f.auditLines().stream().filter(l -> type.equals(l.path("eventType").asText())).toList();
    }

    @Test
    void catalogIsFilteredToTheEnvelopeInToolsViewsAndServices() {
        CatalogResponse all = catalog(Caller.anonymous());
        CatalogResponse some = catalog(caller("tool:exec:getItem", "tool:exec:search"));
        assertThat(all.catalog().tools().size()).isGreaterThan(2);
        assertThat(some.catalog().tools()).extracting(t -> t.id()).containsExactlyInAnyOrder("exec:getItem", "exec:search");
        assertThat(some.view().tools()).extracting(t -> t.id()).containsExactlyInAnyOrder("exec:getItem", "exec:search");
        some.catalog().effectiveViews().forEach(v -> assertThat(v.tools()).allMatch(t -> t.id().startsWith("exec:getItem")
                || t.id().equals("exec:search")));
        assertThat(some.catalog().services()).extracting(s -> s.id()).containsExactly("exec");

        CatalogResponse none = catalog(caller("openid", "audit:read"));
        assertThat(none.catalog().tools()).isEmpty();
        assertThat(none.catalog().services()).isEmpty();
        assertThat(none.catalog().sources()).isEmpty();
        assertThat(none.view().tools()).isEmpty();
    }

    @Test
    void filteredJsonBytesDifferFromTheCachedUnfilteredBytes() {
        CatalogQuery q = new CatalogQuery(dir.resolve(".cli.json").toString(), null, null);
        String full = new String(f.engine().effectiveCatalogJson(q, Caller.anonymous()));
        String filtered = new String(f.engine().effectiveCatalogJson(q, caller("tool:exec:getItem")));
        assertThat(full).contains("exec:purge");
        assertThat(filtered).contains("exec:getItem").doesNotContain("exec:purge");
        assertThat(new String(f.engine().effectiveCatalogJson(q))).isEqualTo(full);
    }

    @Test
    void catalogFilteredIsAuditedOncePerCallerAndConfig() {
        catalog(caller("tool:exec:getItem"));
        catalog(caller("tool:exec:getItem"));
        catalog(caller("bundle:exec")); // nothing hidden: no record
        catalog(caller("tool:exec:search")); // other scopes: a new record
        f.run(f.call("exec:getItem").args("1")); // flushes the audit queue behind the records above
        List<JsonNode> filtered = events(AuditRecord.CATALOG_FILTERED);
        assertThat(filtered).hasSize(2);
        assertThat(filtered.get(0).path("principal").asText()).isEqualTo("alice");
        assertThat(filtered.get(0).path("clientId").asText()).isEqualTo("ocli-ci");
        assertThat(filtered.get(0).path("detail").asText()).matches("\\d+ of \\d+ tools hidden by the authorization envelope");
    }

    @Test
    void toolOutsideTheEnvelopeIsRefusedBeforeAnythingIsSentAndAudited() {
        f.env.put("TOKEN", "upstream-secret");
        OcliException e = f.failureAs(f.call("exec:search").flag("term", "x"), caller("tool:exec:getItem"));
        assertThat(e.code()).isEqualTo("insufficient_scope");
        assertThat(e.kind().httpStatus()).isEqualTo(403);
        assertThat(e.requiredScope()).isEqualTo("tool:exec:search or bundle:exec");
        assertThat(e.toProblem().requiredScope()).isEqualTo("tool:exec:search or bundle:exec");
        assertThat(f.server.seen).isEmpty();

        JsonNode execution = f.lastAudit();
        assertThat(execution.path("eventType").asText()).isEqualTo(AuditRecord.TOOL_EXECUTION);
        assertThat(execution.path("decision").asText()).isEqualTo("deny");
        assertThat(execution.path("reasonCode").asText()).isEqualTo("insufficient_scope");
        assertThat(execution.path("principal").asText()).isEqualTo("alice");
        List<JsonNode> denials = events(AuditRecord.AUTHZ_DENIAL);
        assertThat(denials).hasSize(1);
        assertThat(denials.get(0).path("toolId").asText()).isEqualTo("exec:search");
        assertThat(denials.get(0).path("reasonCode").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void envelopeComesBeforeApprovalAndCredentials() {
        // purge needs approval and bearerOnly needs a secret: neither is looked at without the scope
        assertThat(f.failureAs(f.call("exec:purge"), caller("tool:exec:getItem")).code()).isEqualTo("insufficient_scope");
        assertThat(f.failureAs(f.call("exec:bearerOnly"), caller("tool:exec:getItem")).code()).isEqualTo("insufficient_scope");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void toolInsideTheEnvelopeRunsAndPolicyStillApplies() {
        f.runAs(f.call("exec:getItem").args("1"), caller("bundle:exec"));
        assertThat(f.server.seen).hasSize(1);
        assertThat(f.lastAudit().path("principal").asText()).isEqualTo("alice");
        assertThat(f.failureAs(f.call("exec:purge"), caller("bundle:exec")).code()).isEqualTo("approval_required");
    }

    @Test
    void deniedToolIsOutsideEveryEnvelope() {
        f.config("\"policy\": {\"deny\": [\"exec:getItem\"]}");
        assertThat(f.failureAs(f.call("exec:getItem").args("1"), caller("bundle:exec")).code())
                .isEqualTo("insufficient_scope");
        assertThat(catalog(caller("bundle:exec")).catalog().tools()).noneMatch(t -> t.id().equals("exec:getItem"));
    }

    static Caller delegated(Set<String> userScopes, List<String> actors, List<Set<String>> actorGrants) {
        return new Caller("alice", "triage-agent", null, "req-1", userScopes, new DelegationChain(actors, actorGrants), null, null);
    }

    @Test
    void anAgentActingForTheUserGetsTheIntersectionAndIsAudited() {
        Caller agent = delegated(Set.of("bundle:exec"), List.of("triage-bot", "orchestrator"),
                List.of(Set.of("tool:exec:getItem", "tool:exec:search"), Set.of("bundle:exec")));
        assertThat(catalog(agent).catalog().tools()).extracting(t -> t.id())
                .containsExactlyInAnyOrder("exec:getItem", "exec:search");
        f.runAs(f.call("exec:getItem").args("1"), agent);
        JsonNode allowed = f.lastAudit();
        assertThat(allowed.path("principal").asText()).isEqualTo("alice");
        assertThat(allowed.path("actors")).extracting(JsonNode::asText).containsExactly("triage-bot", "orchestrator");

        // the user may run exec:purge's bundle; the current actor may not
        assertThat(f.failureAs(f.call("exec:bearerOnly"), agent).code()).isEqualTo("insufficient_scope");
        JsonNode denial = events(AuditRecord.AUTHZ_DENIAL).get(0);
        assertThat(denial.path("actors")).extracting(JsonNode::asText).containsExactly("triage-bot", "orchestrator");
        assertThat(f.lastAudit().path("actors")).extracting(JsonNode::asText).containsExactly("triage-bot", "orchestrator");
        List<JsonNode> filtered = events(AuditRecord.CATALOG_FILTERED);
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).path("actors").size()).isEqualTo(2);
        assertThat(f.server.seen).hasSize(1);
    }

    @Test
    void anActorWithNoGrantsSeesNothingWhateverTheUserHolds() {
        Caller stranger = delegated(Set.of("bundle:exec"), List.of("stranger"), List.of(Set.of()));
        assertThat(catalog(stranger).catalog().tools()).isEmpty();
        assertThat(f.failureAs(f.call("exec:getItem").args("1"), stranger).code()).isEqualTo("insufficient_scope");
        Caller unresolved = delegated(Set.of("bundle:exec"), List.of("x"), null);
        assertThat(catalog(unresolved).catalog().tools()).isEmpty();
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void authOffCallerSeesEverythingAsBefore() {
        f.runAs(f.call("exec:getItem").args("1"), Caller.unauthenticated("r"));
        assertThat(f.server.seen).hasSize(1);
        assertThat(catalog(Caller.unauthenticated("r")).catalog().tools()).anyMatch(t -> t.id().equals("exec:purge"));
    }
}
