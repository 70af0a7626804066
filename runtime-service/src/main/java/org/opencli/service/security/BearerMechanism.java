package org.opencli.service.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import org.opencli.core.auth.TokenRejected;
import org.opencli.core.error.OcliException;
import org.opencli.service.auth.AuthChallenges;
import org.opencli.service.auth.DaemonAccess;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.http.RequestIds;

/**
 * The runtime's one authentication mechanism (Quarkus Security, proactive: every request). With
 * {@code runtime.server.auth} every request needs {@code Authorization: Bearer <token>}, validated by
 * {@link RuntimeTokenIdentityProvider}; without it a loopback daemon asks for its owner key
 * ({@link DaemonKeyIdentityProvider}, {@link DaemonAccess}) and a daemon started with
 * {@code --allow-unauthenticated-remote} lets every caller in alike. The {@link OpenEndpoints} answer
 * without credentials: a usable credential there still adds the caller, an unusable one is ignored.
 * A refusal fails with the engine's {@code TokenRejected} as cause ({@link AuthFailures}); its
 * challenge is {@code WWW-Authenticate} as RFC 6750 §3 has it, its body {@code rest.ProblemMappers}'.
 */
// a singleton, not application-scoped: asked on every request, so no client proxy's lookup in between
@Singleton
public class BearerMechanism implements HttpAuthenticationMechanism {
    static final String OWNER_KEY_REQUIRED = "this local runtime serves only its owner: send Authorization: Bearer"
            + " <clientKey> with the clientKey from its runtime.json, which only the owner can read (ocli does this itself)";

    @Inject
    DaemonAuth auth;

    @Inject
    DaemonAccess access;

    @Inject
    DaemonKeyIdentityProvider daemonKeys;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        boolean open = OpenEndpoints.isOpen(rc.request().method().name(), rc.normalizedPath());
        String presented;
        try {
            presented = BearerHeader.token(rc.request().headers().getAll("Authorization"));
        } catch (TokenRejected malformed) {
            if (open) return Uni.createFrom().nullItem();
            if (auth.enabled()) return refused(malformed);
            presented = null; // owner key mode: a malformed header is no key
        }
        CredentialRequest request;
        if (auth.enabled()) {
            if (presented == null) {
                return open ? Uni.createFrom().nullItem()
                        : refused(new TokenRejected(TokenRejected.MISSING, "this runtime requires Authorization: Bearer <token>"));
            }
            request = new CredentialRequest.RuntimeToken(presented, RequestIds.of(rc), RequestIds.sessionOf(rc));
        } else {
            // open endpoints: only the owner's key makes a verified caller there (one that renews its lease)
            if (open && (presented == null || !access.requiresOwnerKey())) return Uni.createFrom().nullItem();
            // compared in memory: asked directly, without the identity-provider pipeline's operators on
            // every request (the execute hot path measured them, make bench-execute)
            if (daemonKeys.admits(presented)) {
                AuthorizedFailureHandler.install(rc);
                return DaemonKeyIdentityProvider.ADMITTED;
            }
            return open ? Uni.createFrom().nullItem() : daemonKeys.refusal(presented);
        }
        Uni<SecurityIdentity> identity = identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, rc))
                .invoke(() -> AuthorizedFailureHandler.install(rc));
        return open ? identity.onFailure().recoverWithNull() : identity;
    }

    private static Uni<SecurityIdentity> refused(OcliException refusal) {
        return Uni.createFrom().failure(AuthFailures.failure(refusal));
    }

    /** {@code Bearer realm="oclird"}, with {@code error="invalid_token"} unless no credential was sent. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        OcliException refusal = AuthFailures.refusal(HttpSecurityUtils.getAuthenticationFailureFromEvent(rc));
        String reason = refusal instanceof TokenRejected rejected ? rejected.reason() : TokenRejected.MISSING;
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", AuthChallenges.unauthenticated(reason)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CredentialRequest.RuntimeToken.class, CredentialRequest.DaemonKey.class);
    }
}
