package org.opencli.core.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.EffectiveView;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.views.ToolPattern;

/**
 * The tools a token's scopes allow (CONTRACT.md §6). {@code bundle:<serviceId>} grants every tool of
 * a service, {@code profile:<name>} the tools of that agent profile's view; these grants are unioned.
 * {@code tool:<toolId>} grants stand alone when there is no bundle or profile grant, and are
 * intersected with the union when there is (a token can narrow, never widen, its bundles). Deny
 * patterns (managed and policy) are removed last. No runtime scope at all allows nothing.
 * A pure function of its inputs.
 */
public record AuthorizationEnvelope(Set<String> toolIds) {
    public static final String VERSION = "1.0";
    public static final String BUNDLE = "bundle:";
    public static final String PROFILE = "profile:";
    public static final String TOOL = "tool:";
    public static final List<String> SCOPE_PREFIXES = List.of(BUNDLE, PROFILE, TOOL);

    /**
     * @param scopes       the token's granted scopes (other scopes, e.g. {@code openid}, are ignored)
     * @param catalog      the built catalog (its tools and its per-profile views)
     * @param profileNames the config's agent profile names; {@code profile:} grants name only these
     * @param denyPatterns managed deny and policy deny globs
     */
    public static AuthorizationEnvelope compute(Set<String> scopes, Catalog catalog, Collection<String> profileNames,
                                                Collection<String> denyPatterns) {
        Set<String> union = new LinkedHashSet<>();
        boolean unionGranted = false;
        Set<String> toolGrants = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope.startsWith(BUNDLE)) {
                unionGranted = true;
                String service = scope.substring(BUNDLE.length());
                for (Tool t : catalog.tools()) if (t.serviceId().equals(service)) union.add(t.id());
            } else if (scope.startsWith(PROFILE)) {
                unionGranted = true;
                String profile = scope.substring(PROFILE.length());
                if (profileNames.contains(profile)) {
                    catalog.view(profile).map(EffectiveView::tools).orElse(List.of()).forEach(t -> union.add(t.id()));
                }
            } else if (scope.startsWith(TOOL)) {
                toolGrants.add(scope.substring(TOOL.length()));
            }
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Tool t : catalog.tools()) {
            String id = t.id();
            boolean granted = unionGranted && !toolGrants.isEmpty() ? union.contains(id) && toolGrants.contains(id)
                    : unionGranted ? union.contains(id)
                    : toolGrants.contains(id);
            if (granted && !ToolPattern.anyMatches(denyPatterns, id)) allowed.add(id);
        }
        return new AuthorizationEnvelope(Set.copyOf(allowed));
    }

    /** The tools both envelopes allow. */
    public AuthorizationEnvelope intersect(AuthorizationEnvelope other) {
        Set<String> both = new LinkedHashSet<>(toolIds);
        both.retainAll(other.toolIds);
        return new AuthorizationEnvelope(Set.copyOf(both));
    }

    public boolean allows(String toolId) {
        return toolIds.contains(toolId);
    }

    /** What would allow {@code tool}: {@code tool:<id> or bundle:<serviceId>}. */
    public static String requiredScope(Tool tool) {
        return String.join(" or ", requiredScopes(tool));
    }

    /** The same alternatives as a list (the {@code scope} of a {@code WWW-Authenticate} challenge). */
    public static List<String> requiredScopes(Tool tool) {
        List<String> out = new ArrayList<>();
        out.add(TOOL + tool.id());
        out.add(BUNDLE + tool.serviceId());
        return out;
    }
}
