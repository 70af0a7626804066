package org.opencli.service.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.opencli.core.auth.TokenRejected;
import org.opencli.service.auth.DaemonAccess;

/**
 * Without runtime auth: a loopback daemon admits the request carrying its owner key (compared in
 * constant time, never logged, echoed or audited); a daemon started with
 * {@code --allow-unauthenticated-remote} admits every caller alike. Either caller has no principal
 * and no scope envelope, so all share one identity ({@link CallerIdentities#DAEMON}), answered by one
 * completed {@link Uni}: nothing is built per request on this path, the execute hot path's
 * ({@code make bench-execute}); {@link CurrentCaller} adds the request's own ids. In memory only:
 * answers on the event loop.
 */
// a singleton, not application-scoped: asked on every request, so no client proxy's lookup in between
@Singleton
public class DaemonKeyIdentityProvider implements IdentityProvider<CredentialRequest.DaemonKey> {
    static final Uni<SecurityIdentity> ADMITTED = Uni.createFrom().item(CallerIdentities.DAEMON);

    @Inject
    DaemonAccess access;

    @Override
    public Class<CredentialRequest.DaemonKey> getRequestType() {
        return CredentialRequest.DaemonKey.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CredentialRequest.DaemonKey request, AuthenticationRequestContext context) {
        return admit(request.presented());
    }

    /** The daemon caller's identity when {@code presented} (null: none) admits the request, else a refusal. */
    Uni<SecurityIdentity> admit(String presented) {
        return admits(presented) ? ADMITTED : refusal(presented);
    }

    /** Whether {@code presented} (null: none) admits the request. */
    boolean admits(String presented) {
        return !access.requiresOwnerKey() || access.acceptsKey(presented);
    }

    Uni<SecurityIdentity> refusal(String presented) {
        return Uni.createFrom().failure(AuthFailures.failure(new TokenRejected(
                presented == null ? TokenRejected.MISSING : TokenRejected.WRONG_CLIENT_KEY, BearerMechanism.OWNER_KEY_REQUIRED)));
    }
}
