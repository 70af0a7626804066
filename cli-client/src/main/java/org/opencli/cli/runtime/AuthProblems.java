package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencli.core.error.Problem;
import org.opencli.core.text.Strings;

/**
 * Explains a runtime's 401/403 to a person: which reason (expired, wrong_audience, …) or which
 * scope is missing, and what to do about it. The runtime's code and status are kept, so exit codes
 * (4, 5) and {@code --format json} stay machine-readable; {@code reason}/{@code requiredScope} go
 * into the detail text.
 */
final class AuthProblems {
    private AuthProblems() {
    }

    static Problem explain(Problem problem, JsonNode body, String runtime, BearerSource bearer) {
        String mode = bearer == null ? null : bearer.mode();
        // Only the runtime's own auth refusals; a 401 such as credentials_unresolved is about the
        // upstream's credentials and already says which scheme and secret.
        if (problem.status() == 401 && (problem.code() == null || "unauthenticated".equals(problem.code()))) {
            String reason = text(body, "reason");
            boolean noToken = bearer == null || "missing".equals(reason);
            String detail = "the runtime at " + runtime + " did not accept "
                    + (noToken ? "the request (no token was sent)" : "the token")
                    + (reason == null ? "" : " (reason: " + reason + ")") + ": " + why401(reason) + " " + todo401(reason, mode, bearer == null, runtime);
            return new Problem(problem.type(), "Authentication required", 401, detail.strip(),
                    problem.code() == null ? "unauthenticated" : problem.code(), problem.errors() == null ? List.of() : problem.errors());
        }
        if (problem.status() == 403 && "insufficient_scope".equals(problem.code())) {
            String required = text(body, "requiredScope");
            String detail = "your token lacks the scope this needs"
                    + (required == null ? "" : ": " + required)
                    + ("delegation".equals(mode) ? " (acting for a user, an agent gets only what both the user and the runtime's "
                            + "runtime.server.auth.delegation.actors allow it)" : "")
                    + ". Ask your identity provider's administrator to grant " + (required == null ? "that scope" : required)
                    + " to " + (("oauthClient".equals(mode)) ? "this client" : "your account")
                    + ", then " + (("oauthClient".equals(mode) || "providedToken".equals(mode))
                            ? "get a new token" : "run '" + login(runtime) + "' again") + " so the token carries it"
                    + (problem.detail() == null ? "" : " (runtime: " + problem.detail() + ")");
            return new Problem(problem.type(), "Insufficient scope", 403, detail, problem.code(),
                    problem.errors() == null ? List.of() : problem.errors());
        }
        return problem;
    }

    private static String why401(String reason) {
        if (reason == null) return "the runtime requires a valid bearer token.";
        return switch (reason) {
            case "missing" -> "the runtime requires a bearer token and none was sent.";
            case "expired" -> "the token has expired.";
            case "not_yet_valid" -> "the token is not valid yet (check this machine's clock).";
            case "malformed" -> "the token is not a well-formed JWT.";
            case "bad_signature" -> "the token's signature does not verify.";
            case "wrong_issuer" -> "the token comes from an identity provider (issuer) this runtime does not trust.";
            case "wrong_audience" -> "the token was not issued for this runtime (its audience does not name the runtime).";
            case "revoked" -> "the token (or the sign-in it came from) was revoked at the identity provider.";
            case "inactive" -> "the identity provider reports the token as inactive.";
            case "unknown_key" -> "the token is signed with a key the runtime does not know.";
            case "wrong_client_key" -> "this local daemon serves only its owner, and the key sent is not its current one.";
            case "delegation_not_accepted" -> "the token says an agent acts for its user ('act' claim), and this runtime accepts no delegated tokens.";
            default -> "the token was refused.";
        };
    }

    private static String todo401(String reason, String mode, boolean noToken, String runtime) {
        if ("wrong_client_key".equals(reason)) {
            return "Run ocli as the daemon's owner (it reads the key from the daemon's runtime.json), or start a daemon of your own.";
        }
        if (noToken || "missing".equals(reason)) {
            return "Configure runtime.remote.oauth in .cli.json or set OCLI_TOKEN (see docs/auth.md), or run '" + login(runtime) + "'.";
        }
        if ("wrong_audience".equals(reason)) {
            return "Ask the identity provider's administrator to add the runtime's audience to your client's tokens "
                    + "(e.g. a Keycloak audience mapper), or set runtime.remote.oauth.audience.";
        }
        if ("wrong_issuer".equals(reason) || "unknown_key".equals(reason) || "bad_signature".equals(reason)) {
            return "Sign in with the identity provider the runtime trusts (see 'ocli --runtime " + runtime + " auth status' and the runtime's /v1/auth/browser-config).";
        }
        if ("delegation_not_accepted".equals(reason)) {
            return "Ask the runtime's operator to configure runtime.server.auth.delegation (see docs/auth.md, Delegation for agents).";
        }
        if ("delegation".equals(mode)) {
            return "Provide a fresh user token in the variable or file named by runtime.remote.oauth.delegation.subjectTokenRef.";
        }
        if ("providedToken".equals(mode)) return "Provide a fresh token in the variable or file named by runtime.remote.oauth.tokenRef.";
        if ("oauthClient".equals(mode)) return "Run 'ocli --runtime " + runtime + " auth logout' and retry to fetch a new token; check the client's credentials if it persists.";
        return "Run '" + login(runtime) + "' to sign in again.";
    }

    /** A sign-in belongs to the runtime, not to a directory: the hint names it, so it works from anywhere. */
    static String login(String runtime) {
        return "ocli --runtime " + runtime + " auth login";
    }

    private static String text(JsonNode body, String field) {
        if (body == null) return null;
        return Strings.textOrNull(body.path(field));
    }
}
