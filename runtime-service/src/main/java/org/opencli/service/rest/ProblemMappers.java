package org.opencli.service.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opencli.core.auth.InsufficientScope;
import org.opencli.core.auth.TokenRejected;
import org.opencli.core.error.OcliException;
import org.opencli.service.auth.AuthChallenges;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;

/** Maps every failure once, to RFC 9457 problem+json with a stable {@code code}. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
