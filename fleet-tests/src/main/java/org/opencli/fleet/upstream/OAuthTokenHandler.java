package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /oauth/token: an RFC 6749 §4.4 client-credentials token endpoint. The client authenticates
 * with HTTP Basic or with client_id/client_secret in the form; errors use the RFC's JSON shape.
 */
final class OAuthTokenHandler extends Routed {
    static final int EXPIRES_IN = 3600;

    private final UpstreamCredentials expected;
    private final IssuedTokens issued;

    OAuthTokenHandler(UpstreamCredentials expected, IssuedTokens issued) {
        this.expected = expected;
        this.issued = issued;
    }

    @Override
    void route(HttpExchange exchange) throws IOException {
        if (!Exchanges.subPath(exchange).isEmpty()) {
            Exchanges.notFound(exchange);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            Exchanges.methodNotAllowed(exchange, "POST");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Map<String, List<String>> form = Exchanges.params(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
        String basic = Credentials.basic(exchange);
        String clientId = Exchanges.first(form, "client_id");
        String clientSecret = Exchanges.first(form, "client_secret");
        if (basic != null && basic.indexOf(':') >= 0) {
            clientId = basic.substring(0, basic.indexOf(':'));
            clientSecret = basic.substring(basic.indexOf(':') + 1);
        }
        if (!Credentials.matches(clientId, expected.clientId()) || !Credentials.matches(clientSecret, expected.clientSecret())) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + SecureHandler.REALM + "\"");
            error(exchange, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        String grantType = Exchanges.first(form, "grant_type");
        if (grantType == null) {
            error(exchange, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (!grantType.equals("client_credentials")) {
            error(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", issued.issue());
        token.put("token_type", "Bearer");
        token.put("expires_in", EXPIRES_IN);
        String scope = Exchanges.first(form, "scope");
        if (scope != null) token.put("scope", scope);
        Exchanges.json(exchange, 200, token);
    }

    private static void error(HttpExchange exchange, int status, String code, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        Exchanges.json(exchange, status, body);
    }
}
