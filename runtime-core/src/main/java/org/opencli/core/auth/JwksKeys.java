package org.opencli.core.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The IdP's signing keys, fetched from {@code jwksURL} on first use and kept. A token naming a
 * {@code kid} the set lacks triggers one re-fetch (key rotation works without a restart); such
 * re-fetches happen at most once per {@code minRefetchInterval}, so a stream of tokens with made-up
 * kids cannot turn the runtime into a load generator against the IdP. The set is also re-read after
 * {@code maxAge}, so keys the IdP dropped stop being accepted. Each fetch is bounded in time and
 * bytes ({@link AuthHttp}).
 *
 * <p>Why ours and not smallrye-jwt's key location: its JWKS fetch (smallrye-jwt 4.6.3,
 * {@code KeyLocationResolver} over jose4j's {@code HttpsJwks} and {@code Get}) caps the body at
 * 512 Ki characters but not the time — 20 s per connect and per read, up to 3 retries with waits,
 * no deadline for the whole fetch, so a slowly dripping IdP holds the worker as long as it drips;
 * when the first answer is not a key set it reads the location again through
 * {@code URL.openStream()}, with neither a timeout nor a size limit; and its unknown-{@code kid}
 * refresh is paced in whole minutes (default 30). The key chosen here is handed to smallrye-jwt's
 * parser ({@link SmallRyeJwtParser}).
 */
final class JwksKeys {
    private final URI uri;
    private final AuthHttp http;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Duration maxAge;
    private List<JsonWebKey> keys;
    private Instant fetchedAt;
    private Instant lastUnknownKidRefetch;
    private int fetches;

    JwksKeys(URI uri, AuthHttp http, Clock clock, Duration minRefetchInterval, Duration maxAge) {
        this.uri = uri;
        this.http = http;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
        this.maxAge = maxAge;
    }

    /** Keys matching {@code kid} (all keys when the token names none); re-fetched once if none match. */
    synchronized List<JsonWebKey> candidates(String kid) {
        Instant now = clock.instant();
        if (keys == null || now.isAfter(fetchedAt.plus(maxAge))) fetch(now);
        List<JsonWebKey> found = matching(kid);
        if (found.isEmpty() && kid != null && mayRefetch(now)) {
            lastUnknownKidRefetch = now;
            fetch(now);
            found = matching(kid);
        }
        return found;
    }

    synchronized int fetches() {
        return fetches;
    }

    private boolean mayRefetch(Instant now) {
        return lastUnknownKidRefetch == null || !now.isBefore(lastUnknownKidRefetch.plus(minRefetchInterval));
    }

    private List<JsonWebKey> matching(String kid) {
        return keys.stream().filter(k -> kid == null || kid.equals(k.getKeyId()))
                .filter(k -> k.getUse() == null || k.getUse().equals("sig")).toList();
    }

    private void fetch(Instant now) {
        String body = http.send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), "JWKS", uri);
        try {
            keys = List.copyOf(new JsonWebKeySet(body).getJsonWebKeys());
        } catch (JoseException e) {
            throw AuthHttp.unavailable("JWKS at " + uri + " is not a valid JSON Web Key Set", e);
        }
        fetchedAt = now;
        fetches++;
    }
}
