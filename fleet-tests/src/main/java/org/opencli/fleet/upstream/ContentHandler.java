package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Non-JSON answers: plain text, CSV, a real PNG, and N bytes of octet-stream. */
final class ContentHandler extends Routed {
    static final String REPORT_TEXT = "Ticket report\nopen: 3\nclosed: 5\n";
    static final String REPORT_CSV = "id,title,status\n1,Printer on fire,open\n2,\"Coffee, cold\",closed\n";
    /** A valid 1x1 PNG, so clients that sniff or decode images get the real thing. */
    static final byte[] LOGO_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final int MAX_BIG_BYTES = 64 * 1024 * 1024;
    static final int DEFAULT_BIG_BYTES = 1024;

    @Override
    void route(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            Exchanges.methodNotAllowed(exchange, "GET");
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/api/report.txt" -> Exchanges.send(exchange, 200, "text/plain; charset=utf-8", REPORT_TEXT.getBytes(StandardCharsets.UTF_8));
            case "/api/report.csv" -> Exchanges.send(exchange, 200, "text/csv; charset=utf-8", REPORT_CSV.getBytes(StandardCharsets.UTF_8));
            case "/api/logo.png" -> Exchanges.send(exchange, 200, "image/png", LOGO_PNG);
            case "/api/big" -> big(exchange);
            default -> Exchanges.notFound(exchange);
        }
    }

    /** Byte i is {@code i % 256}, streamed in chunks so a large N never sits in memory. */
    private static void big(HttpExchange exchange) throws IOException {
        int size = Exchanges.intParam(Exchanges.query(exchange), "bytes", DEFAULT_BIG_BYTES);
        if (size < 0 || size > MAX_BIG_BYTES) throw new Exchanges.BadRequest("bytes must be between 0 and " + MAX_BIG_BYTES);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"big.bin\"");
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        byte[] chunk = new byte[8192];
        for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) i; // 8192 is a multiple of 256
        try (OutputStream out = exchange.getResponseBody()) {
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }
    }
}
