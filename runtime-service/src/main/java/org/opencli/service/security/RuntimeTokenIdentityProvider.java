package org.opencli.service.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.opencli.core.auth.ValidatedToken;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.service.auth.DaemonAuth;

/**
 * Validates a runtime token against {@code runtime.server.auth} (JWKS or introspection, both may
 * block: on a worker, never the event loop) into the caller's identity: principal, client, scopes
 * as permissions. The token is never logged; only its SHA-256 keys the connect/refresh bookkeeping.
 */
@ApplicationScoped
public class RuntimeTokenIdentityProvider implements IdentityProvider<CredentialRequest.RuntimeToken> {
    private static final Logger LOG = Logger.getLogger(RuntimeTokenIdentityProvider.class);

    @Inject
    DaemonAuth auth;

    @Inject
    AuthAudit audit;

    @Override
    public Class<CredentialRequest.RuntimeToken> getRequestType() {
        return CredentialRequest.RuntimeToken.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CredentialRequest.RuntimeToken request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String token = request.presented();
            ValidatedToken valid;
            try {
                valid = auth.validator().validate(token);
            } catch (OcliException refused) {
                throw AuthFailures.failure(refused);
            } catch (RuntimeException e) {
                LOG.error("token validation failed unexpectedly", e);
                throw AuthFailures.failure(new OcliException(ErrorKind.INTERNAL, "internal_error", "Internal error",
                        "token validation failed unexpectedly; see the runtime's log"));
            }
            SecurityIdentity identity = CallerIdentities.of(valid.caller(request.sessionId(), request.requestId()), valid,
                    TokenSightings.hash(token));
            audit.authenticated(identity);
            return identity;
        });
    }
}
