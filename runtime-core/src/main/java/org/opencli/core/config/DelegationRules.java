package org.opencli.core.config;

import java.util.List;
import java.util.Map;

/**
 * {@code runtime.server.auth.delegation}: each actor id is a non-blank id of at most 256 characters
 * (what an {@code act} entry may carry), and each of its grants a runtime grant — {@code bundle:},
 * {@code profile:} or {@code tool:} with a name, or an operational {@code name:action} scope — so a
 * typo cannot silently grant nothing (or, worse, be read as something else).
 */
final class DelegationRules {
    static final int MAX_ACTORS = 1000;
    static final int MAX_ID_LENGTH = 256;

    private DelegationRules() {
    }

    static void check(ServerAuthConfig.DelegationConfig delegation, String authPath, Problems problems) {
        String path = JsonPaths.child(JsonPaths.child(authPath, "delegation"), "actors");
        Map<String, List<String>> actors = delegation.actors();
        if (actors == null) return;
        if (actors.size() > MAX_ACTORS) {
            problems.add(path, "delegation names " + actors.size() + " actors", "at most " + MAX_ACTORS);
            return;
        }
        for (Map.Entry<String, List<String>> e : actors.entrySet()) {
            String actor = e.getKey();
            String actorPath = JsonPaths.child(path, actor);
            if (actor.isBlank() || actor.length() > MAX_ID_LENGTH) {
                problems.add(actorPath, "actor id is blank or longer than " + MAX_ID_LENGTH + " characters",
                        "the actor's 'sub' or 'client_id' as its tokens carry it");
            }
            List<String> grants = e.getValue();
            if (grants == null) {
                problems.add(actorPath, "actor has no grant list", "a list of runtime grants, e.g. [\"bundle:tickets\"]; [] grants nothing");
                continue;
            }
            for (int i = 0; i < grants.size(); i++) {
                String grant = grants.get(i);
                if (!isRuntimeGrant(grant)) {
                    problems.add(JsonPaths.index(actorPath, i), "'" + grant + "' is not a runtime grant",
                            "bundle:<serviceId>, profile:<name>, tool:<toolId> or an operational scope such as audit:read");
                }
            }
        }
    }

    static boolean isRuntimeGrant(String grant) {
        if (grant == null || grant.isBlank() || grant.length() > MAX_ID_LENGTH || grant.chars().anyMatch(Character::isWhitespace)) return false;
        int colon = grant.indexOf(':');
        return colon > 0 && colon < grant.length() - 1;
    }
}
