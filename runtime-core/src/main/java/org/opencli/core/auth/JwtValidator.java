package org.opencli.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * {@code validationProfile: oidc_jwks}. In order: compact JWS form (else {@code malformed}); algorithm
 * RS256, PS256 or ES256 only — {@code none} and HMAC are {@code bad_signature}, since an HMAC
 * "signed" with the public key proves nothing; a key for the {@code kid} from our {@link JwksKeys}
 * (else {@code unknown_key}); the signature, through smallrye-jwt's parser ({@link SmallRyeJwtParser},
 * else {@code bad_signature}); then {@code exp} / {@code nbf} with the clock skew against the
 * engine's clock, {@code iss} (and, for a {@code {tenantid}} issuer, {@code tid} among the allowed
 * tenants: {@link IssuerRule}), {@code aud} (string or array). Claims are trusted only after the
 * signature verified; a payload that is not a JSON object is {@code malformed} whatever its signature.
 */
final class JwtValidator implements TokenValidator {
    static final Set<String> ALGORITHMS = Set.of(AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private final IssuerRule issuer;
    private final String audience;
    private final Duration skew;
    private final ClaimRules claimRules;
    private final JwksKeys keys;
    private final Clock clock;
    private final SmallRyeJwtParser parser;

    JwtValidator(IssuerRule issuer, String audience, Duration skew, ClaimRules claimRules, JwksKeys keys, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.claimRules = claimRules;
        this.keys = keys;
        this.clock = clock;
        // a tenant template's issuer depends on the token's tid: IssuerRule checks it, smallrye does not
        this.parser = new SmallRyeJwtParser(issuer.fixedIssuer(), audience, skew);
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
        SmallRyeJwtParser.Verified verified = verified(token, alg, candidates);
        if (verified == null) {
            throw new TokenRejected(TokenRejected.BAD_SIGNATURE, "the token's signature does not verify");
        }
        Map<String, Object> claims = verified.claims();
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
        String tenant = issuer.check(claims);
        if (!ClaimScopes.audienceContains(claims.get("aud"), audience)) {
            throw new TokenRejected(TokenRejected.WRONG_AUDIENCE, "the token's audience does not include " + audience);
        }
        if (verified.refused()) {
            // e.g. an 'aud' array holding a non-string: smallrye refuses what the checks above let through
            throw new TokenRejected(TokenRejected.MALFORMED, "the token's claims are not well-formed");
        }
        return claimRules.read(claims, exp, tenant);
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

    /** The first candidate whose key verifies the signature (several only when the token names no {@code kid}). */
    private SmallRyeJwtParser.Verified verified(String token, String alg, List<JsonWebKey> candidates) {
        for (JsonWebKey key : candidates) {
            if (!keyFits(key, alg)) continue;
            SmallRyeJwtParser.Verified verified = parser.verify(token, ((PublicJsonWebKey) key).getPublicKey());
            if (verified != null) return verified;
        }
        return null;
    }

    private static boolean keyFits(JsonWebKey key, String alg) {
        String kty = key.getKeyType();
        return alg.startsWith("ES") ? "EC".equals(kty) : "RSA".equals(kty);
    }
}
