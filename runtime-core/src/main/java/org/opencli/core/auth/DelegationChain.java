package org.opencli.core.auth;

import java.util.List;
import java.util.Set;

/**
 * Who acts for the token's subject (RFC 8693 {@code act}, nested): the actor ids, outermost (the
 * current actor) first, and per actor the most it may be granted, from
 * {@code runtime.server.auth.delegation.actors}. {@code grants} is null until {@link DelegationPolicy}
 * resolved the chain; an unresolved chain, like an actor the config does not name, allows nothing.
 */
public record DelegationChain(List<String> actors, List<Set<String>> grants) {

    public DelegationChain {
        actors = List.copyOf(actors);
        grants = grants == null ? null : List.copyOf(grants);
        if (grants != null && grants.size() != actors.size()) {
            throw new IllegalArgumentException("one grant set per actor");
        }
    }

    /** The chain as the token states it, before the runtime's config bounds it. */
    static DelegationChain unresolved(List<String> actors) {
        return new DelegationChain(actors, null);
    }

    /** True when every actor in the chain may be granted {@code scope} (fail closed when unresolved). */
    public boolean allows(String scope) {
        if (grants == null) return false;
        for (Set<String> g : grants) if (!g.contains(scope)) return false;
        return true;
    }
}
