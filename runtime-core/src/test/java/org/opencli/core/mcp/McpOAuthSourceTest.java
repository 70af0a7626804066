package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencli.core.mcp.McpStdioSourceTest.call;
import static org.opencli.core.mcp.McpStdioSourceTest.text;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.error.OcliException;

/**
 * A streamable-http source with source-local oauth client credentials: the token from the token
 * endpoint goes in Authorization on every MCP request, fetched once and reused; a token endpoint
 * that refuses fails the source closed with reauthorization_required, never retried in a loop.
 */
class McpOAuthSourceTest {
    @TempDir
    Path dir;
    private HttpServer tokens;
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile int tokenStatus = 200;

    @BeforeEach
    void tokenEndpoint() throws Exception {
        tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokens.createContext("/token", exchange -> {
            tokenCalls.incrementAndGet();
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = tokenStatus == 200 && form.contains("grant_type=client_credentials") && form.contains("client_id=mcp-client");
            byte[] body = (ok ? "{\"access_token\": \"tok-1\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"
                    : "{\"error\": \"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokens.start();
    }

    @AfterEach
    void stop() {
        tokens.stop(0);
    }

    private String config(String url) {
        return """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"remote": {"type": "mcp", "transport": {"type": "streamable-http", "url": "%s"},
                   "oauth": {"mode": "clientCredentials", "tokenURL": "http://127.0.0.1:%d/token",
                             "clientId": {"type": "env", "value": "MCP_CLIENT_ID"},
                             "clientSecret": {"type": "env", "value": "MCP_CLIENT_SECRET"}, "scopes": ["tools"]}}}}
                """.formatted(url, tokens.getAddress().getPort());
    }

    @Test
    void theSourcesTokenIsSentOnEveryRequestAndFetchedOnce() throws Exception {
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "Authorization");
             McpEngineFixture f = new McpEngineFixture(dir, config(proxy.url() + "/mcp"),
                     Map.of("MCP_CLIENT_ID", "mcp-client", "MCP_CLIENT_SECRET", "s3cret"))) {
            assertThat(f.engine.execute(call("remote:echo", Map.of("message", text("authorized")))).toCompletableFuture().join()
                    .text()).isEqualTo("Echo: authorized");
            assertThat(proxy.seen).hasSizeGreaterThan(1).containsOnly("Bearer tok-1");
            assertThat(tokenCalls.get()).isEqualTo(1);
            assertThat(f.audit.get(0).authScheme()).isEqualTo("oauth2");
        }
    }

    @Test
    void aRefusedTokenRequestFailsClosedWithReauthorizationRequired() throws Exception {
        tokenStatus = 401;
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "Authorization");
             McpEngineFixture f = new McpEngineFixture(dir, config(proxy.url() + "/mcp"),
                     Map.of("MCP_CLIENT_ID", "mcp-client", "MCP_CLIENT_SECRET", "s3cret"))) {
            assertThatThrownBy(() -> f.engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                    .isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("reauthorization_required"))
                    .hasMessageNotContaining("s3cret");
            assertThat(proxy.seen).isEmpty();
            assertThat(tokenCalls.get()).isEqualTo(1);
        }
    }
}
