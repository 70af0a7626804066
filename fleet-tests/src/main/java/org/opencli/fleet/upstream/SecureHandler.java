package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/secure/*: one endpoint per security scheme of the description (bearer, basic, apiKey in
 * header/query/cookie, OAuth2-issued token) plus /both (bearer AND header key). A pass answers which
 * schemes passed, named as in the OpenAPI securitySchemes and never echoing a secret; a miss is a
 * 401 with a WWW-Authenticate challenge for the first scheme that failed.
 */
final class SecureHandler extends Routed {
    static final String REALM = "test-upstream";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String API_KEY_QUERY = "api_key";
    static final String SESSION_COOKIE = "session";

    /** One scheme check: its OpenAPI name, whether the request passes it, and its challenge. */
    private record Check(String scheme, boolean passed, String challenge) {
    }

    private final UpstreamCredentials expected;
    private final IssuedTokens issued;

    SecureHandler(UpstreamCredentials expected, IssuedTokens issued) {
        this.expected = expected;
        this.issued = issued;
    }

    @Override
    void route(HttpExchange exchange) throws IOException {
        List<Check> checks = switch (Exchanges.subPath(exchange)) {
            case "/bearer" -> List.of(bearer(exchange));
            case "/basic" -> List.of(basic(exchange));
            case "/apikey-header" -> List.of(apiKeyHeader(exchange));
            case "/apikey-query" -> List.of(apiKeyQuery(exchange));
            case "/apikey-cookie" -> List.of(apiKeyCookie(exchange));
            case "/both" -> List.of(bearer(exchange), apiKeyHeader(exchange));
            case "/oauth" -> List.of(oauth(exchange));
            default -> null;
        };
        if (checks == null) {
            Exchanges.notFound(exchange);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            Exchanges.methodNotAllowed(exchange, "GET");
            return;
        }
        for (Check check : checks) {
            if (!check.passed()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", check.challenge());
                Exchanges.problem(exchange, 401, "Unauthorized", "credentials for " + check.scheme() + " are missing or wrong");
                return;
            }
        }
        List<String> passed = new ArrayList<>();
        checks.forEach(c -> passed.add(c.scheme()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticated", true);
        body.put("schemes", passed);
        body.put("path", exchange.getRequestURI().getPath());
        Exchanges.json(exchange, 200, body);
    }

    private Check bearer(HttpExchange exchange) {
        String token = Credentials.bearer(exchange);
        return new Check("bearerAuth", Credentials.matches(token, expected.bearerToken()), bearerChallenge(token));
    }

    private Check oauth(HttpExchange exchange) {
        String token = Credentials.bearer(exchange);
        return new Check("oauth", issued.valid(token), bearerChallenge(token));
    }

    private static String bearerChallenge(String presented) {
        // RFC 6750 §3: error="invalid_token" only when a token was actually presented.
        return "Bearer realm=\"" + REALM + "\"" + (presented == null ? "" : ", error=\"invalid_token\"");
    }

    private Check basic(HttpExchange exchange) {
        return new Check("basicAuth", Credentials.matches(Credentials.basic(exchange), expected.basicPair()),
                "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    }

    private Check apiKeyHeader(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst(API_KEY_HEADER);
        return new Check("apiKeyHeader", Credentials.matches(key, expected.apiKey()),
                "ApiKey realm=\"" + REALM + "\", in=\"header\", name=\"" + API_KEY_HEADER + "\"");
    }

    private Check apiKeyQuery(HttpExchange exchange) {
        String key = Exchanges.first(Exchanges.query(exchange), API_KEY_QUERY);
        return new Check("apiKeyQuery", Credentials.matches(key, expected.apiKey()),
                "ApiKey realm=\"" + REALM + "\", in=\"query\", name=\"" + API_KEY_QUERY + "\"");
    }

    private Check apiKeyCookie(HttpExchange exchange) {
        String session = Credentials.cookie(exchange, SESSION_COOKIE);
        return new Check("apiKeyCookie", Credentials.matches(session, expected.sessionCookie()),
                "ApiKey realm=\"" + REALM + "\", in=\"cookie\", name=\"" + SESSION_COOKIE + "\"");
    }
}
