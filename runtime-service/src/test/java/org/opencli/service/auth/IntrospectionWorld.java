package org.opencli.service.auth;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencli.core.json.Json;

/** A daemon validating opaque tokens by RFC 7662 introspection against a loopback endpoint. */
public class IntrospectionWorld implements QuarkusTestResourceLifecycleManager {
    static final Map<String, Map<String, Object>> answers = new ConcurrentHashMap<>();
    static final List<String> authorizations = new CopyOnWriteArrayList<>();
    static HttpServer idp;
    static Path dir;

    @Override
    public Map<String, String> start() {
        try {
            idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            idp.createContext("/introspect", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
                String token = null;
                for (String pair : body.split("&")) {
                    if (pair.startsWith("token=")) token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
                byte[] out = Json.writeBytes(answers.getOrDefault(token, Map.of("active", false)));
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
            });
            idp.start();
            dir = Files.createTempDirectory("oclird-introspection");
            Path svc = Path.of("src/test/resources/svc");
            Files.copy(svc.resolve("helpdesk.openapi.yaml"), dir.resolve("helpdesk.openapi.yaml"));
            Files.copy(svc.resolve("helpdesk.arazzo.yaml"), dir.resolve("helpdesk.arazzo.yaml"));
            Path config = dir.resolve(".cli.json");
            Files.writeString(config, """
                    {
                      "cli": "1.0.0",
                      "mode": { "default": "discover" },
                      "sources": { "helpdeskApi": { "type": "openapi", "uri": "./helpdesk.openapi.yaml" } },
                      "services": { "helpdesk": { "source": "helpdeskApi" } },
                      "runtime": { "server": { "auth": {
                        "validationProfile": "oauth2_introspection",
                        "audience": "oclird",
                        "introspectionURL": "http://127.0.0.1:%d/introspect",
                        "clientId": { "type": "literal", "value": "oclird-introspector" },
                        "clientSecret": { "type": "literal", "value": "oclird-introspector-secret" },
                        "introspectionCacheSeconds": 0
                      } } }
                    }
                    """.formatted(idp.getAddress().getPort()));
            return Map.of("oclird.config", config.toString(),
                    "oclird.state-dir", dir.resolve("state").toString(),
                    "oclird.instance-id", "introspection-tests");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (idp != null) idp.stop(0);
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }
}
