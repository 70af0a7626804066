package org.opencli.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the RFC 8693 §4.1 {@code act} claim: an object naming the current actor ({@code sub}, else
 * {@code client_id}), which may itself hold an {@code act} naming the actor before it. Bounded: at
 * most {@link #MAX_DEPTH} actors, each id at most {@link #MAX_ID_LENGTH} characters; anything else
 * (a non-object {@code act}, an actor without an id, a deeper chain) makes the token {@code malformed}
 * rather than silently dropping part of who acted.
 */
final class ActClaim {
    static final int MAX_DEPTH = 5;
    static final int MAX_ID_LENGTH = 256;

    private ActClaim() {
    }

    /** The chain, current actor first; null when the token has no {@code act}. */
    static DelegationChain chain(Map<String, Object> claims) {
        Object act = claims.get("act");
        if (act == null) return null;
        List<String> actors = new ArrayList<>();
        while (act != null) {
            if (!(act instanceof Map<?, ?> actor)) {
                throw new TokenRejected(TokenRejected.MALFORMED, "the token's 'act' claim is not an object");
            }
            if (actors.size() == MAX_DEPTH) {
                throw new TokenRejected(TokenRejected.MALFORMED,
                        "the token's 'act' chain is deeper than " + MAX_DEPTH + " actors");
            }
            String id = id(actor.get("sub"));
            if (id == null) id = id(actor.get("client_id"));
            if (id == null) {
                throw new TokenRejected(TokenRejected.MALFORMED,
                        "an actor in the token's 'act' claim has no 'sub' or 'client_id' of at most " + MAX_ID_LENGTH + " characters");
            }
            actors.add(id);
            act = actor.get("act");
        }
        return DelegationChain.unresolved(actors);
    }

    private static String id(Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_ID_LENGTH) return null;
        for (int i = 0; i < s.length(); i++) if (Character.isISOControl(s.charAt(i))) return null;
        return s;
    }
}
