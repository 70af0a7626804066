package org.opencli.core.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencli.core.json.Json;

/**
 * An RFC 7662 endpoint on loopback: answers per token from {@link #answers} ({@code active:false}
 * for unknown tokens) and records each request's Authorization header and form body.
 */
final class IntrospectionServer implements AutoCloseable {
    record Seen(String authorization, Map<String, String> form) {
    }

    final Map<String, Map<String, Object>> answers = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    IntrospectionServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/introspect", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new java.util.LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            seen.add(new Seen(ex.getRequestHeaders().getFirst("Authorization"), form));
            Map<String, Object> answer = answers.getOrDefault(form.get("token"), Map.of("active", false));
            byte[] out = Json.writeBytes(answer);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
    }

    long asked(String token) {
        return seen.stream().filter(s -> token.equals(s.form().get("token"))).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
