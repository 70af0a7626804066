package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Everything no other context claims: a 404 problem rather than the JDK's HTML page. */
final class NotFoundHandler extends Routed {
    @Override
    void route(HttpExchange exchange) throws IOException {
        Exchanges.notFound(exchange);
    }
}
