package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ANY /api/echo/...: the request as received, so tests can check how a client rendered it —
 * including Authorization and Cookie, which is why this endpoint exists. Header names are
 * lowercased; repeated headers are joined with ", ".
 */
final class EchoHandler extends Routed {

    @Override
    void route(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.body(exchange);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", exchange.getRequestMethod());
        echo.put("path", exchange.getRequestURI().getPath());
        echo.put("rawPath", exchange.getRequestURI().getRawPath());
        Map<String, List<String>> query = Exchanges.query(exchange);
        echo.put("query", query);
        echo.put("rawQuery", exchange.getRequestURI().getRawQuery());
        echo.put("headers", headers);
        echo.put("body", new String(body, StandardCharsets.UTF_8));
        echo.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        Exchanges.json(exchange, 200, echo);
    }
}
