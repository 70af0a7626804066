package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * GET /api/slow?ms=N: answers after N ms, for client timeouts. The delay is the endpoint's purpose;
 * it waits on the server's shutdown signal so closing the server ends every pending delay at once.
 */
final class SlowHandler extends Routed {
    static final int MAX_MS = 120_000;
    private final CountDownLatch shutdown;

    SlowHandler(CountDownLatch shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    void route(HttpExchange exchange) throws IOException {
        int ms = Exchanges.intParam(Exchanges.query(exchange), "ms", 1000);
        if (ms < 0 || ms > MAX_MS) throw new Exchanges.BadRequest("ms must be between 0 and " + MAX_MS);
        long start = System.nanoTime();
        try {
            if (shutdown.await(ms, TimeUnit.MILLISECONDS)) return; // server closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long sleptMs = (System.nanoTime() - start) / 1_000_000;
        Exchanges.json(exchange, 200, Map.of("requestedMs", ms, "sleptMs", sleptMs));
    }
}
