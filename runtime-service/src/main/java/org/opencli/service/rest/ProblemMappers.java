package org.opencli.service.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opencli.core.auth.InsufficientScope;
import org.opencli.core.auth.TokenRejected;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;
import org.opencli.service.auth.AuthChallenges;
import org.opencli.service.auth.OperationalScopes;
import org.opencli.service.security.AuthFailures;

/**
 * Maps every failure once, to RFC 9457 problem+json with a stable {@code code}. Quarkus Security's
 * refusals too ({@link #refusal}): written by {@code security.RefusalResponder} when they happen on the
 * routing level (every path), by the mappers below should one arise inside an endpoint.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A security refusal's answer: its problem and its {@code WWW-Authenticate} value (null: none). */
    public record Refusal(Problem problem, String challenge) {
    }

    /**
     * 401 {@code unauthenticated} with the reason the engine gave (challenge {@code Bearer realm="oclird"}, plus
     * {@code error="invalid_token"} unless nothing was sent); 403 {@code insufficient_scope} naming the scope
     * {@code request} ("METHOD /path") needs (challenge {@code Bearer error="insufficient_scope", scope=...}).
     */
    public static Refusal refusal(Throwable failure, String request, String requiredScope) {
        OcliException refused = AuthFailures.refusal(failure);
        if (refused != null) {
            return new Refusal(refused.toProblem(),
                    refused instanceof TokenRejected rejected ? AuthChallenges.unauthenticated(rejected.reason()) : null);
        }
        if (failure instanceof ForbiddenException) {
            if (requiredScope == null) return new Refusal(Problem.of("forbidden", "Forbidden", 403, request + " is not allowed"), null);
            InsufficientScope insufficient = new InsufficientScope(requiredScope, request + " needs the scope " + requiredScope);
            return new Refusal(insufficient.toProblem(), AuthChallenges.insufficientScope(List.of(requiredScope)));
        }
        TokenRejected missing = new TokenRejected(TokenRejected.MISSING, "this runtime requires Authorization: Bearer <token>");
        return new Refusal(missing.toProblem(), AuthChallenges.unauthenticated(TokenRejected.MISSING));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, ContainerRequestContext request) {
        return refused(e, request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, ContainerRequestContext request) {
        return refused(e, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return refused(e, request);
    }

    private static Response refused(RuntimeException e, ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/")) path = "/" + path;
        Refusal refusal = refusal(e, request.getMethod() + " " + path, OperationalScopes.required(path));
        Response response = problem(refusal.problem());
        return refusal.challenge() == null ? response
                : Response.fromResponse(response).header("WWW-Authenticate", refusal.challenge()).build();
    }

    @ServerExceptionMapper
    public Response engineFailure(OcliException e) {
        Response response = problem(e.toProblem());
        if (InsufficientScope.CODE.equals(e.code()) && e.requiredScope() != null) {
            return Response.fromResponse(response).header("WWW-Authenticate",
                    AuthChallenges.insufficientScope(e.requiredScope())).build();
        }
        if (e instanceof TokenRejected rejected) {
            return Response.fromResponse(response).header("WWW-Authenticate",
                    AuthChallenges.unauthenticated(rejected.reason())).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response httpFailure(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        // The framework's message can carry request text (a parameter value): keep to the status' words.
        return problem(Problem.of(code, title, status, title));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        // Log the cause for operators; the caller gets no internals.
        LOG.error("unexpected failure", e);
        return problem(Problem.internal("the runtime failed unexpectedly; see its log"));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(Json.writeBytes(problem)).build();
    }
}
