package org.opencli.core.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code runtime.server.auth.grantMap}: IdP permission names (Entra's {@code Helpdesk.ReadWrite},
 * an Authentik group) to runtime grants. A name read from a grant claim that the map holds adds its
 * grants; every name is also kept as it is, so a claim that already carries runtime grant strings
 * ({@code bundle:helpdesk}) keeps working and an unmapped IdP name grants nothing (the envelope and
 * the operational checks ignore what is not a runtime grant). Targets were validated at load.
 */
final class GrantMap {
    static final GrantMap NONE = new GrantMap(Map.of());

    private final Map<String, List<String>> map;

    private GrantMap(Map<String, List<String>> map) {
        this.map = map;
    }

    static GrantMap of(Map<String, List<String>> map) {
        return map == null || map.isEmpty() ? NONE : new GrantMap(Map.copyOf(map));
    }

    Set<String> apply(Set<String> names) {
        if (map.isEmpty()) return names;
        Set<String> out = new LinkedHashSet<>(names);
        for (String name : names) {
            List<String> grants = map.get(name);
            if (grants != null) out.addAll(grants);
        }
        return Set.copyOf(out);
    }
}
