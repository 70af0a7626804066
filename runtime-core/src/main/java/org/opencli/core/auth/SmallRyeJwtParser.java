package org.opencli.core.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.opencli.core.json.Json;

/**
 * smallrye-jwt's token parser ({@link DefaultJWTTokenParser}, jose4j under it) checking a token
 * against one key {@link JwksKeys} chose: the signature under the RS256/PS256/ES256 allow-list,
 * {@code exp} present, {@code iss} and {@code aud}. smallrye's own key location and JWKS fetching
 * are never used (a key is always given), see {@link JwksKeys} for why.
 *
 * <p>jose4j judges {@code exp}/{@code nbf} against the wall clock, which the engine does not use
 * (its {@link java.time.Clock} is injected): those two verdicts are left to {@link JwtValidator};
 * every other refusal counts. Not asked of the parser, as before this class: {@code iat} (not
 * required), a named principal (it may be absent), {@code typ}.
 */
final class SmallRyeJwtParser {
    /** Claims of a token whose signature verified; {@code refused}: the parser refused a claim (other than by time). */
    record Verified(Map<String, Object> claims, boolean refused) {
    }

    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
    };
    /** Verdicts against the wall clock, which the engine's clock replaces. */
    private static final Set<Integer> WALL_CLOCK = Set.of(ErrorCodes.EXPIRED, ErrorCodes.NOT_YET_VALID,
            ErrorCodes.ISSUED_AT_INVALID_FUTURE, ErrorCodes.ISSUED_AT_INVALID_PAST);

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();
    private final JWTAuthContextInfo template = new JWTAuthContextInfo();

    SmallRyeJwtParser(String issuer, String audience, Duration skew) {
        template.setIssuedBy(issuer);
        template.setExpectedAudience(Set.of(audience));
        template.setClockSkew((int) Math.min(Integer.MAX_VALUE, skew.toSeconds()));
        template.setSignatureAlgorithm(EnumSet.of(SignatureAlgorithm.RS256, SignatureAlgorithm.PS256,
                SignatureAlgorithm.ES256));
        template.setMaxTimeToLiveSecs(0L); // no lifetime cap, so no 'iat' requirement
        template.setRequireNamedPrincipal(false);
        // the path form reads a 'groups' claim that is neither string nor array as absent (the
        // direct form casts it and throws); grants are read by ClaimScopes anyway
        template.setGroupsPath("groups");
    }

    /**
     * @return the token's claims (its payload as sent) once {@code key} verified its signature; null when it did not
     * @throws TokenRejected {@code malformed} when the payload is not a JSON object
     */
    Verified verify(String token, PublicKey key) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(template);
        context.setPublicVerificationKey(key);
        JwtContext accepted;
        try {
            accepted = parser.parse(token, context);
        } catch (ParseException e) {
            return e.getCause() instanceof InvalidJwtException invalid ? refused(invalid) : null;
        } catch (RuntimeException e) {
            return null; // nothing the parser vouched for: refused as unverified, never a server error
        }
        return new Verified(claims(accepted), false);
    }

    private static Verified refused(InvalidJwtException invalid) {
        if (invalid.hasErrorCode(ErrorCodes.JSON_INVALID)) throw notAnObject();
        JwtContext context = invalid.getJwtContext();
        if (!signatureVerified(context)) return null;
        boolean refused = invalid.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorCode)
                .anyMatch(code -> !WALL_CLOCK.contains(code));
        return new Verified(claims(context), refused);
    }

    /**
     * Whether the refusal came after the signature verified. Asked of the JWS itself, not read from
     * the error codes: jose4j reports a key it cannot use and an inconsistent claim (exp before nbf)
     * with the same code. The JWS keeps its verdict, so asking again repeats no signature check.
     */
    private static boolean signatureVerified(JwtContext context) {
        if (context == null || context.getJwtClaims() == null || context.getJoseObjects().isEmpty()) return false;
        for (JsonWebStructure structure : context.getJoseObjects()) {
            try {
                if (!(structure instanceof JsonWebSignature jws) || !jws.verifySignature()) return false;
            } catch (JoseException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** The payload as sent: smallrye adds claims of its own ({@code raw_token}, {@code groups}) to its copy. */
    private static Map<String, Object> claims(JwtContext context) {
        try {
            return Json.MAPPER.readValue(context.getJwtClaims().getRawJson(), CLAIMS);
        } catch (IOException e) {
            throw notAnObject(); // jose4j read it as an object already; kept for a parser disagreement
        }
    }

    private static TokenRejected notAnObject() {
        return new TokenRejected(TokenRejected.MALFORMED, "the token's payload is not a JSON object");
    }
}
