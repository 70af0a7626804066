package org.opencli.fleet.upstream;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens handed out by /oauth/token; only these pass /api/secure/oauth. */
final class IssuedTokens {
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    String issue() {
        String token = "tu-" + UUID.randomUUID();
        tokens.add(token);
        return token;
    }

    boolean valid(String token) {
        return token != null && tokens.contains(token);
    }

    void clear() {
        tokens.clear();
    }
}
