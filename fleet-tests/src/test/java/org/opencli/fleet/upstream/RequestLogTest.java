package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void recordsApiRequestsWithoutSecretsAndResetClearsEverything() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            assertThat(client.requestLog()).as("nothing reached it yet").isEmpty();

            client.sendJson("POST", "/api/tickets", "{\"title\":\"x\"}");
            client.send(client.request("/api/secure/bearer?x=1").header("Authorization", "Bearer secret-value").GET().build());

            JsonNode log = client.requestLog();
            assertThat(log).hasSize(2).as("admin calls are not logged");
            JsonNode first = log.get(0);
            assertThat(first.path("method").asText()).isEqualTo("POST");
            assertThat(first.path("rawPath").asText()).isEqualTo("/api/tickets");
            assertThat(Instant.parse(first.path("time").asText())).isBeforeOrEqualTo(Instant.now());
            JsonNode second = log.get(1);
            assertThat(second.path("query").asText()).isEqualTo("x=1");
            assertThat(second.path("headers")).extracting(JsonNode::asText).contains("authorization");
            assertThat(log.toString()).doesNotContain("secret-value");

            assertThat(client.send(client.request("/_admin/reset").POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
                    .isEqualTo(204);
            assertThat(client.requestLog()).isEmpty();
            assertThat(UpstreamClient.json(client.get("/api/tickets")).path("items")).as("tickets cleared").isEmpty();
            assertThat(client.get("/_admin/reset").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void refusedAndUnknownRequestsAreLoggedToo() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            client.get("/api/secure/basic");
            client.get("/no/such/thing");
            assertThat(client.requestLog()).extracting(e -> e.path("rawPath").asText())
                    .containsExactly("/api/secure/basic", "/no/such/thing");
        }
    }
}
