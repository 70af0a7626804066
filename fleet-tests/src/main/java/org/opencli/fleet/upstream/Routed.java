package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Base of every handler: turns {@link Exchanges.BadRequest} into a 400 and any other failure into a
 * 500 problem, so a bug in the test server shows up as a response rather than a dropped connection.
 */
abstract class Routed implements HttpHandler {

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try {
            if (!onSegmentBoundary(exchange)) {
                Exchanges.notFound(exchange);
                return;
            }
            route(exchange);
        } catch (Exchanges.BadRequest e) {
            Exchanges.problem(exchange, 400, "Bad Request", e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Exchanges.problem(exchange, 400, "Bad Request", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            Exchanges.problem(exchange, 500, "Internal Server Error", e.toString());
        } finally {
            exchange.close();
        }
    }

    /**
     * The JDK matches contexts by plain string prefix, so "/api/echo" would also claim "/api/echoes";
     * only the context path itself or paths below it belong to the handler.
     */
    private static boolean onSegmentBoundary(HttpExchange exchange) {
        String context = exchange.getHttpContext().getPath();
        String path = exchange.getRequestURI().getPath();
        return context.endsWith("/") || path.length() == context.length() || path.charAt(context.length()) == '/';
    }

    abstract void route(HttpExchange exchange) throws IOException;
}
