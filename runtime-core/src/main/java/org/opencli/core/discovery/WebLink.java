package org.opencli.core.discovery;

import java.util.Set;

/** A typed link: an absolute {@code href} and its relation types. */
public record WebLink(String href, Set<String> rels) {

    /** True when a relation equals {@code name} or is a URI ending in {@code /name}. */
    public boolean hasRel(String name) {
        return rels.stream().anyMatch(r -> r.equals(name) || r.endsWith("/" + name));
    }

    /** True when a relation contains {@code fragment} (extension rels like {@code https://open-cli.dev/rel/skill-manifest}). */
    public boolean relContains(String fragment) {
        return rels.stream().anyMatch(r -> r.contains(fragment));
    }
}
