package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.EffectiveView;
import org.opencli.core.catalog.Tool;

/** CONTRACT.md §6: union of bundle/profile grants, tool grants alone or intersected, denies removed. */
class AuthorizationEnvelopeTest {
    static Tool tool(String id) {
        return new Tool(id, id.substring(0, id.indexOf(':')), null, "get", "/x", null, null, List.of(), null, null, false,
                List.of(), List.of(), null, List.of(), null, null, null, null, null, List.of(), null);
    }

    static final List<Tool> TOOLS = List.of(tool("tickets:list"), tool("tickets:get"), tool("tickets:create"),
            tool("tickets:delete"), tool("billing:invoices"), tool("billing:refund"));
    static final Catalog CATALOG = new Catalog("1.0.0", "t", "fp", List.of(), List.of(), TOOLS, List.of(), List.of(
            new EffectiveView("discover", "discover", TOOLS),
            new EffectiveView("reader", "curated", List.of(tool("tickets:get"), tool("billing:invoices"))),
            new EffectiveView("triage", "curated", List.of(tool("tickets:list"), tool("tickets:get")))));
    static final Set<String> PROFILES = Set.of("reader", "triage");

    static Set<String> allowed(Set<String> scopes, List<String> deny) {
        return AuthorizationEnvelope.compute(scopes, CATALOG, PROFILES, deny).toolIds();
    }

    static Set<String> allowed(String... scopes) {
        return allowed(Set.of(scopes), List.of());
    }

    @Test
    void noRuntimeScopeAllowsNothing() {
        assertThat(allowed()).isEmpty();
        assertThat(allowed("openid", "profile", "email", "audit:read", "runtime:admin")).isEmpty();
    }

    @Test
    void bundleGrantsEveryToolOfItsService() {
        assertThat(allowed("bundle:tickets")).containsExactlyInAnyOrder("tickets:list", "tickets:get", "tickets:create",
                "tickets:delete");
    }

    @Test
    void profileGrantsItsViewsTools() {
        assertThat(allowed("profile:reader")).containsExactlyInAnyOrder("tickets:get", "billing:invoices");
    }

    @Test
    void bundleAndProfileGrantsAreUnioned() {
        assertThat(allowed("bundle:billing", "profile:triage")).containsExactlyInAnyOrder("billing:invoices",
                "billing:refund", "tickets:list", "tickets:get");
    }

    @Test
    void toolGrantsAloneAllowExactlyThoseTools() {
        assertThat(allowed("tool:tickets:list", "tool:billing:refund")).containsExactlyInAnyOrder("tickets:list",
                "billing:refund");
    }

    @Test
    void toolGrantsNarrowTheUnionWhenBothExist() {
        assertThat(allowed("bundle:tickets", "tool:tickets:list", "tool:billing:refund"))
                .containsExactly("tickets:list");
        assertThat(allowed("profile:reader", "tool:tickets:create")).isEmpty();
    }

    @Test
    void denyPatternsAreRemovedFromEveryGrant() {
        assertThat(allowed(Set.of("bundle:tickets", "bundle:billing"), List.of("*:delete", "billing:ref*")))
                .containsExactlyInAnyOrder("tickets:list", "tickets:get", "tickets:create", "billing:invoices");
        assertThat(allowed(Set.of("tool:tickets:delete"), List.of("**"))).isEmpty();
    }

    @Test
    void unknownServicesProfilesAndToolsGrantNothing() {
        assertThat(allowed("bundle:nope", "tool:nope:x")).isEmpty();
        // "discover" is a view but not an agent profile: no back door to the whole catalog
        assertThat(allowed("profile:discover")).isEmpty();
    }

    @Test
    void aProfileGrantNamingAnUnknownProfileStillCountsAsAUnionGrant() {
        // an unknown profile contributes no tools, but the tool grant is still intersected with the (empty) union
        assertThat(allowed("profile:ghost", "tool:tickets:list")).isEmpty();
    }

    @Test
    void requiredScopeNamesTheToolAndItsBundle() {
        assertThat(AuthorizationEnvelope.requiredScope(tool("tickets:create")))
                .isEqualTo("tool:tickets:create or bundle:tickets");
    }
}
