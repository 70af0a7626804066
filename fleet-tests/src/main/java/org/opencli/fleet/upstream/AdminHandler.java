package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** /_admin: GET requests (the request log) and POST reset (log, tickets, retry counters, tokens). */
final class AdminHandler extends Routed {
    private final RequestLog log;
    private final Runnable reset;

    AdminHandler(RequestLog log, Runnable reset) {
        this.log = log;
        this.reset = reset;
    }

    @Override
    void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        switch (Exchanges.subPath(exchange)) {
            case "/requests" -> {
                if (method.equals("GET")) Exchanges.json(exchange, 200, log.snapshot());
                else Exchanges.methodNotAllowed(exchange, "GET");
            }
            case "/reset" -> {
                if (!method.equals("POST")) {
                    Exchanges.methodNotAllowed(exchange, "POST");
                    return;
                }
                reset.run();
                Exchanges.noContent(exchange);
            }
            default -> Exchanges.notFound(exchange);
        }
    }
}
