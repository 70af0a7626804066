package org.opencli.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.config.ServerAuthConfig;

/**
 * The runtime's rule for tokens an agent holds on a user's behalf. With no
 * {@code runtime.server.auth.delegation}, a token carrying {@code act} is refused
 * ({@code delegation_not_accepted}): granting it the user's full grants would let any agent the IdP
 * lets exchange tokens act as the user without the operator having said so. With it, each actor's
 * maximum grants come from {@code actors}; an actor not named there gets none (fail closed), so the
 * caller's effective grants are the user's ∩ every actor's.
 */
final class DelegationPolicy {
    private final ServerAuthConfig.DelegationConfig config;

    DelegationPolicy(ServerAuthConfig.DelegationConfig config) {
        this.config = config;
    }

    ValidatedToken apply(ValidatedToken token) {
        DelegationChain chain = token.delegation();
        if (chain == null) {
            if (config == null || !config.clientActs() || token.clientId() == null || !named(token.clientId())) return token;
            chain = DelegationChain.unresolved(List.of(token.clientId()));
        } else if (config == null) {
            throw new TokenRejected(TokenRejected.DELEGATION_NOT_ACCEPTED,
                    "the token names an acting party ('act' claim) but this runtime accepts no delegated tokens "
                            + "(runtime.server.auth.delegation is not configured)");
        }
        List<Set<String>> grants = new ArrayList<>(chain.actors().size());
        for (String actor : chain.actors()) grants.add(grantsOf(actor));
        return token.withDelegation(new DelegationChain(chain.actors(), grants));
    }

    private boolean named(String actor) {
        return config.actors() != null && config.actors().containsKey(actor);
    }

    private Set<String> grantsOf(String actor) {
        Map<String, List<String>> actors = config.actors();
        List<String> grants = actors == null ? null : actors.get(actor);
        return grants == null ? Set.of() : Set.copyOf(grants);
    }
}
