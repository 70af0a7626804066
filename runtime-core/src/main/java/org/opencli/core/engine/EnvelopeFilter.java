package org.opencli.core.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencli.core.auth.AuthorizationEnvelope;
import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.EffectiveView;
import org.opencli.core.catalog.Service;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.Workflow;

/**
 * A catalog answer cut down to an authorization envelope: tools outside it vanish from the tool
 * list and every view; services (and their sources) without a visible tool vanish; workflows that
 * need a hidden tool vanish. What is left reveals nothing about what was hidden.
 */
final class EnvelopeFilter {
    private EnvelopeFilter() {
    }

    static CatalogResponse filter(CatalogResponse response, AuthorizationEnvelope envelope) {
        Catalog c = response.catalog();
        List<Tool> tools = visible(c.tools(), envelope);
        Set<String> services = tools.stream().map(Tool::serviceId).collect(Collectors.toSet());
        List<Service> keptServices = c.services().stream().filter(s -> services.contains(s.id())).toList();
        Set<String> sources = keptServices.stream().map(Service::sourceId).collect(Collectors.toSet());
        List<Workflow> workflows = c.workflows() == null ? null : c.workflows().stream()
                .filter(w -> w.steps().stream().allMatch(s -> s.toolId() != null && envelope.allows(s.toolId())))
                .toList();
        List<EffectiveView> views = c.effectiveViews().stream().map(v -> view(v, envelope)).toList();
        Catalog filtered = new Catalog(c.catalogVersion(), c.generatedAt(), c.sourceFingerprint(),
                c.sources().stream().filter(s -> sources.contains(s.id())).toList(), keptServices, tools, workflows, views);
        return new CatalogResponse(filtered, view(response.view(), envelope));
    }

    /** How many of the catalog's tools the envelope hides. */
    static int hidden(CatalogResponse response, AuthorizationEnvelope envelope) {
        return (int) response.catalog().tools().stream().filter(t -> !envelope.allows(t.id())).count();
    }

    private static EffectiveView view(EffectiveView v, AuthorizationEnvelope envelope) {
        return new EffectiveView(v.name(), v.mode(), visible(v.tools(), envelope));
    }

    private static List<Tool> visible(List<Tool> tools, AuthorizationEnvelope envelope) {
        return tools.stream().filter(t -> envelope.allows(t.id())).toList();
    }
}
