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
 * endpoint goes in Authorization on every MCP request, fetched once and reused while it is far from
 * expiry, refreshed once it is within the refresh margin (still valid); a token endpoint that
 * refuses, at the first fetch or at a refresh, fails the source closed with reauthorization_required,
 * never retried in a loop.
 */
class McpOAuthSourceTest {
    @TempDir
    Path dir;
    private HttpServer tokens;
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile int tokenStatus = 200;
    private volatile int expiresIn = 3600;

    @BeforeEach
    void tokenEndpoint() throws Exception {
        tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokens.createContext("/token", exchange -> {
            int n = tokenCalls.incrementAndGet();
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = tokenStatus == 200 && form.contains("grant_type=client_credentials") && form.contains("client_id=mcp-client");
            byte[] body = (ok ? "{\"access_token\": \"tok-" + n + "\", \"token_type\": \"Bearer\", \"expires_in\": " + expiresIn + "}"
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

    @Test
    void aTokenWithinTheRefreshMarginIsRefreshedBeforeItExpires() throws Exception {
        expiresIn = 30; // valid for 30 s more, but inside the 30 s margin: every use fetches a fresh one
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "Authorization");
             McpEngineFixture f = new McpEngineFixture(dir, config(proxy.url() + "/mcp"),
                     Map.of("MCP_CLIENT_ID", "mcp-client", "MCP_CLIENT_SECRET", "s3cret"))) {
            for (String word : new String[] {"one", "two"}) {
                assertThat(f.engine.execute(call("remote:echo", Map.of("message", text(word)))).toCompletableFuture().join()
                        .text()).isEqualTo("Echo: " + word);
            }
            // each request asks for the token; every one fetched a new one, and the new ones were sent
            assertThat(proxy.seen).allMatch(v -> v.matches("Bearer tok-\\d+"));
            assertThat(proxy.seen.stream().distinct().count()).isGreaterThan(2);
            assertThat(tokenCalls.get()).isGreaterThanOrEqualTo((int) proxy.seen.stream().distinct().count());
        }
    }

    @Test
    void aFailedRefreshFailsTheCallClosedOnceWithoutRetrying() throws Exception {
        expiresIn = 30;
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "Authorization");
             McpEngineFixture f = new McpEngineFixture(dir, config(proxy.url() + "/mcp"),
                     Map.of("MCP_CLIENT_ID", "mcp-client", "MCP_CLIENT_SECRET", "s3cret"))) {
            assertThat(f.engine.execute(call("remote:echo", Map.of("message", text("before")))).toCompletableFuture().join()
                    .text()).isEqualTo("Echo: before");
            tokenStatus = 401;
            int fetches = tokenCalls.get();
            int sent = proxy.seen.size();

            for (String word : new String[] {"after", "again"}) {
                assertThatThrownBy(() -> f.engine.execute(call("remote:echo", Map.of("message", text(word)))).toCompletableFuture().join())
                        .rootCause().isInstanceOf(OcliException.class)
                        .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("reauthorization_required"))
                        .hasMessageContaining("reauthorization required").hasMessageNotContaining("s3cret");
            }
            // per failed call the token endpoint is asked once (the connection then counts as failed), and at most
            // once more as that connection is closed; nothing reaches the server without a token, nothing keeps asking
            org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(3))
                    .until(() -> tokenCalls.get() - fetches <= 4 && proxy.seen.size() == sent);
            assertThat(tokenCalls.get() - fetches).isBetween(2, 4);
            assertThat(f.audit).hasSize(3);
            assertThat(f.audit.subList(1, 3)).allSatisfy(r -> assertThat(r.reasonCode()).isEqualTo("reauthorization_required"));
        }
    }
}
