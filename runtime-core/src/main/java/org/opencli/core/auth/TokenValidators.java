package org.opencli.core.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.config.ServerAuthConfig;

/**
 * Builds the {@link TokenValidator} a {@code runtime.server.auth} block describes. Client ids and
 * secrets are secret references, resolved once here through {@code secrets}.
 */
public final class TokenValidators {
    /** At most one JWKS re-fetch for an unknown {@code kid} per this interval. */
    public static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(10);
    /** The JWKS is re-read at least this often, so keys the IdP dropped stop working. */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(10);

    private TokenValidators() {
    }

    public static TokenValidator create(ServerAuthConfig auth, Function<SecretConfig, String> secrets, Clock clock) {
        return create(auth, secrets, clock, JWKS_REFETCH_INTERVAL);
    }

    static TokenValidator create(ServerAuthConfig auth, Function<SecretConfig, String> secrets, Clock clock,
                                 Duration jwksRefetchInterval) {
        return new DelegationCheckedValidator(validator(auth, secrets, clock, jwksRefetchInterval),
                new DelegationPolicy(auth.delegation()));
    }

    private static TokenValidator validator(ServerAuthConfig auth, Function<SecretConfig, String> secrets, Clock clock,
                                            Duration jwksRefetchInterval) {
        AuthHttp http = new AuthHttp();
        if (ServerAuthConfig.OAUTH2_INTROSPECTION.equals(auth.validationProfile())) {
            Introspector introspector = new Introspector(URI.create(auth.introspectionURL()),
                    secrets.apply(auth.clientId()), secrets.apply(auth.clientSecret()),
                    Duration.ofSeconds(auth.introspectionCache()), http, clock);
            return new IntrospectionValidator(introspector, auth.audience(), ClaimRules.of(auth), clock);
        }
        JwksKeys keys = new JwksKeys(URI.create(auth.jwksURL()), http, clock, jwksRefetchInterval, JWKS_MAX_AGE);
        IssuerRule issuer = new IssuerRule(auth.issuer(), auth.allowedTenants() == null ? null : Set.copyOf(auth.allowedTenants()));
        TokenValidator jwt = new JwtValidator(issuer, auth.audience(), Duration.ofSeconds(auth.clockSkew()),
                ClaimRules.of(auth), keys, clock);
        ServerAuthConfig.RevocationCheckConfig revocation = auth.revocationCheck();
        if (revocation == null) return jwt;
        Introspector introspector = new Introspector(URI.create(revocation.introspectionURL()),
                secrets.apply(revocation.clientId()), secrets.apply(revocation.clientSecret()),
                Duration.ofSeconds(revocation.cache()), http, clock);
        return new RevocationCheckedValidator(jwt, introspector);
    }
}
