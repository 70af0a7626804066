package org.opencli.service.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/**
 * The daemon as shipped, export off (no OTLP endpoint): the engine's steps are not recorded, yet the
 * upstream still gets a real {@code traceparent} — the caller's trace and sampling decision continued,
 * a fresh span id of the call's own, or a new sampled trace when the caller sent none.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class TraceparentExportOffTest extends AsOwner {
    private HttpServer upstream;
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private String body;

    @BeforeEach
    void world() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            byte[] answer = "{\"ok\":true}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
        Path dir = Files.createTempDirectory("oclird-export-off");
        Files.writeString(dir.resolve("items.openapi.yaml"), """
                openapi: 3.0.3
                info: { title: Items, version: "1" }
                servers: [ { url: "http://127.0.0.1:%d" } ]
                paths:
                  /items:
                    get:
                      operationId: listItems
                      responses: { "200": { description: OK } }
                """.formatted(upstream.getAddress().getPort()));
        Path config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"itemsApi": {"type": "openapi", "uri": "./items.openapi.yaml"}},
                 "services": {"items": {"source": "itemsApi"}}}
                """);
        body = "{\"configPath\": \"" + config.toString().replace("\\", "\\\\") + "\", \"toolId\": \"items:listItems\"}";
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    @Test
    void theCallersTraceAndSamplingDecisionReachTheUpstream() {
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        for (String flags : List.of("01", "00")) {
            traceparents.clear();
            given().header("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-" + flags).contentType("application/json")
                    .body(body).when().post("/v1/tools/execute").then().statusCode(200);
            assertThat(traceparents).singleElement().satisfies(tp -> {
                String[] sent = tp.split("-");
                assertThat(sent).hasSize(4);
                assertThat(sent[1]).isEqualTo(callerTrace);
                assertThat(sent[2]).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7").isNotEqualTo("0".repeat(16));
                assertThat(sent[3]).as("the caller's sampling decision").isEqualTo(flags);
            });
        }
    }

    @Test
    void withoutACallerTraceTheUpstreamGetsANewSampledOne() {
        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(body).when().post("/v1/tools/execute").then().statusCode(200);
        }
        assertThat(traceparents).hasSize(2).allSatisfy(tp -> assertThat(tp).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        assertThat(traceparents.get(0).split("-")[1]).as("one trace per request").isNotEqualTo(traceparents.get(1).split("-")[1]);
    }
}
