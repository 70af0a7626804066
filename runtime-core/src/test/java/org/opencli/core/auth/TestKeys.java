package org.opencli.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Keys generated per test run and tokens signed with them (nimbus-jose-jwt, independent of the validator). */
final class TestKeys {
    static final String ISSUER = "https://idp.test/realms/corp";
    static final String AUDIENCE = "oclird";

    final RSAKey rsa;
    final ECKey ec;

    TestKeys(String rsaKid, String ecKid) {
        try {
            rsa = new RSAKeyGenerator(2048).keyID(rsaKid).generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID(ecKid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Claims valid at {@code now}: our issuer and audience, 5 minutes to live. */
    static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user-1")
                .claim("preferred_username", "alice").claim("azp", "ocli-ci")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    String rs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, rsa.getKeyID(), claims, rsaSigner());
    }

    String ps256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.PS256, rsa.getKeyID(), claims, rsaSigner());
    }

    String es256(JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.ES256, ec.getKeyID(), claims, new ECDSASigner(ec));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic confusion attack: HMAC keyed with the published RSA public key. */
    String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] secret = rsa.toRSAPublicKey().getEncoded();
            return sign(JWSAlgorithm.HS256, rsa.getKeyID(), claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private JWSSigner rsaSigner() {
        try {
            return new RSASSASigner(rsa);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSAlgorithm alg, String kid, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
