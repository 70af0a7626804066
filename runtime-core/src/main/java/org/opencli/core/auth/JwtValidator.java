package org.opencli.core.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.opencli.core.json.Json;

/**
 * {@code validationProfile: oidc_jwks}. In order: compact JWS form (else {@code malformed}); algorithm
 * RS256, PS256 or ES256 only — {@code none} and HMAC are {@code bad_signature}, since an HMAC
 * "signed" with the public key proves nothing; a key for the {@code kid} (else {@code unknown_key});
 * the signature; then {@code exp} / {@code nbf} with the clock skew, {@code iss}, {@code aud}
 * (string or array). Claims are only read after the signature verified.
 */
final class JwtValidator implements TokenValidator {
    static final Set<String> ALGORITHMS = Set.of(AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
    };

    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final List<String> scopeClaims;
    private final JwksKeys keys;
    private final Clock clock;

    JwtValidator(String issuer, String audience, Duration skew, List<String> scopeClaims, JwksKeys keys, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.scopeClaims = scopeClaims;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public ValidatedToken validate(String token) {
        JsonWebSignature jws = parse(token);
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !ALGORITHMS.contains(alg)) {
            throw new TokenRejected(TokenRejected.BAD_SIGNATURE,
                    "the token's algorithm " + (alg == null ? "(none given)" : "'" + alg + "'")
                            + " is not accepted; expected one of RS256, PS256, ES256");
        }
        List<JsonWebKey> candidates = keys.candidates(jws.getKeyIdHeaderValue());
        if (candidates.isEmpty()) {
            throw new TokenRejected(TokenRejected.UNKNOWN_KEY,
                    "the token was signed with a key the issuer's JWKS does not publish");
        }
        if (!verifies(jws, alg, candidates)) {
            throw new TokenRejected(TokenRejected.BAD_SIGNATURE, "the token's signature does not verify");
        }
        Map<String, Object> claims = claims(jws);
        Instant now = clock.instant();
        Instant exp = ClaimTimes.instant(claims, "exp");
        if (exp == null) throw new TokenRejected(TokenRejected.MALFORMED, "the token has no numeric 'exp' claim");
        if (!now.isBefore(exp.plus(skew))) {
            throw new TokenRejected(TokenRejected.EXPIRED, "the token expired at " + exp);
        }
        Instant nbf = ClaimTimes.instant(claims, "nbf");
        if (nbf != null && now.isBefore(nbf.minus(skew))) {
            throw new TokenRejected(TokenRejected.NOT_YET_VALID, "the token is not valid before " + nbf);
        }
        if (!issuer.equals(claims.get("iss"))) {
            throw new TokenRejected(TokenRejected.WRONG_ISSUER, "the token was not issued by " + issuer);
        }
        if (!ClaimScopes.audienceContains(claims.get("aud"), audience)) {
            throw new TokenRejected(TokenRejected.WRONG_AUDIENCE, "the token's audience does not include " + audience);
        }
        return new ValidatedToken(ClaimScopes.principal(claims), ClaimScopes.clientId(claims),
                ClaimScopes.scopes(claims, scopeClaims), exp);
    }

    private static JsonWebSignature parse(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            throw new TokenRejected(TokenRejected.MALFORMED, "the bearer token is not a compact JWS (three dot-separated parts)");
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            jws.getAlgorithmHeaderValue(); // header parsed now, so a bad header is 'malformed'
            return jws;
        } catch (JoseException | RuntimeException e) {
            throw new TokenRejected(TokenRejected.MALFORMED, "the bearer token's header is not valid base64url JSON");
        }
    }

    private static boolean verifies(JsonWebSignature jws, String alg, List<JsonWebKey> candidates) {
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
        for (JsonWebKey key : candidates) {
            if (!keyFits(key, alg)) continue;
            try {
                jws.setKey(key.getKey());
                if (jws.verifySignature()) return true;
            } catch (JoseException | RuntimeException e) {
                // wrong key type or size for the algorithm: try the next candidate
            }
        }
        return false;
    }

    private static boolean keyFits(JsonWebKey key, String alg) {
        String kty = key.getKeyType();
        return alg.startsWith("ES") ? "EC".equals(kty) : "RSA".equals(kty);
    }

    private static Map<String, Object> claims(JsonWebSignature jws) {
        try {
            Map<String, Object> claims = Json.MAPPER.readValue(jws.getUnverifiedPayload(), CLAIMS);
            if (claims == null) throw new IllegalArgumentException("null payload");
            return claims;
        } catch (Exception e) {
            throw new TokenRejected(TokenRejected.MALFORMED, "the token's payload is not a JSON object");
        }
    }
}
