package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** GET /api/slow?ms=N: answers after N ms, for client timeouts. Blocks its pool thread; fine for a test server. */
final class SlowHandler extends Routed {
    static final int MAX_MS = 120_000;

    @Override
    void route(HttpExchange exchange) throws IOException {
        int ms = Exchanges.intParam(Exchanges.query(exchange), "ms", 1000);
        if (ms < 0 || ms > MAX_MS) throw new Exchanges.BadRequest("ms must be between 0 and " + MAX_MS);
        long start = System.nanoTime();
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // server shutting down
            return;
        }
        long sleptMs = (System.nanoTime() - start) / 1_000_000;
        Exchanges.json(exchange, 200, Map.of("requestedMs", ms, "sleptMs", sleptMs));
    }
}
