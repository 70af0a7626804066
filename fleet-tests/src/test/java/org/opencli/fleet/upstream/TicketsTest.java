package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TicketsTest extends RunningUpstream {
    @Test
    void createReadReplacePatchDelete() throws Exception {
        HttpResponse<String> created = client.sendJson("POST", "/api/tickets", "{\"title\":\"Printer on fire\",\"priority\":\"high\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode ticket = UpstreamClient.json(created);
        String id = ticket.path("id").asText();
        assertThat(id).isNotEmpty();
        assertThat(ticket.path("title").asText()).isEqualTo("Printer on fire");
        assertThat(ticket.path("priority").asText()).isEqualTo("high");
        assertThat(ticket.path("status").asText()).isEqualTo("open");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/tickets/" + id);

        HttpResponse<String> read = client.get("/api/tickets/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(read)).isEqualTo(ticket);

        HttpResponse<String> replaced = client.sendJson("PUT", "/api/tickets/" + id, "{\"title\":\"Printer fixed\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(replaced).path("title").asText()).isEqualTo("Printer fixed");
        assertThat(UpstreamClient.json(replaced).path("priority").asText()).as("PUT replaces: default priority").isEqualTo("normal");

        HttpResponse<String> patched = client.sendJson("PATCH", "/api/tickets/" + id, "{\"status\":\"closed\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(patched).path("status").asText()).isEqualTo("closed");
        assertThat(UpstreamClient.json(patched).path("title").asText()).as("PATCH merges").isEqualTo("Printer fixed");

        HttpResponse<String> deleted = client.send(client.request("/api/tickets/" + id).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(client.get("/api/tickets/" + id).statusCode()).isEqualTo(404);
        assertThat(client.send(client.request("/api/tickets/" + id).DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void missingTitleIsAProblem() throws Exception {
        HttpResponse<String> response = client.sendJson("POST", "/api/tickets", "{\"priority\":\"low\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = UpstreamClient.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("title");
    }

    @Test
    void malformedBodiesAreRefused() throws Exception {
        assertThat(client.sendJson("POST", "/api/tickets", "{not json").statusCode()).isEqualTo(400);
        assertThat(client.sendJson("POST", "/api/tickets", "[1]").statusCode()).isEqualTo(400);
        assertThat(client.sendJson("POST", "/api/tickets", "{\"title\":\"x\",\"status\":\"weird\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void absentTicketsAre404ForEveryMethod() throws Exception {
        assertThat(client.get("/api/tickets/999").statusCode()).isEqualTo(404);
        assertThat(client.get("/api/tickets/not-a-number").statusCode()).isEqualTo(404);
        assertThat(client.sendJson("PUT", "/api/tickets/999", "{\"title\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(client.sendJson("PATCH", "/api/tickets/999", "{\"title\":\"x\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = client.send(client.request("/api/tickets").DELETE().build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    @Test
    void listFiltersByStatus() throws Exception {
        client.sendJson("POST", "/api/tickets", "{\"title\":\"a\"}");
        client.sendJson("POST", "/api/tickets", "{\"title\":\"b\",\"status\":\"closed\"}");
        JsonNode open = UpstreamClient.json(client.get("/api/tickets?status=open"));
        assertThat(open.path("items")).hasSize(1);
        assertThat(open.path("items").get(0).path("title").asText()).isEqualTo("a");
        assertThat(open.path("nextCursor").isNull()).isTrue();
        assertThat(client.get("/api/tickets?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void searchTakesAFormBody() throws Exception {
        client.sendJson("POST", "/api/tickets", "{\"title\":\"Printer on fire\"}");
        client.sendJson("POST", "/api/tickets", "{\"title\":\"Coffee machine\"}");
        client.sendJson("POST", "/api/tickets", "{\"title\":\"Second printer\",\"status\":\"closed\"}");

        HttpResponse<String> response = client.postForm("/api/tickets/search", "q=PRINTER&status=open");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = UpstreamClient.json(response);
        assertThat(result.path("items")).hasSize(1);
        assertThat(result.path("items").get(0).path("title").asText()).isEqualTo("Printer on fire");
        assertThat(result.path("query").path("q").get(0).asText()).isEqualTo("PRINTER");

        JsonNode encoded = UpstreamClient.json(client.postForm("/api/tickets/search", "q=coffee+machine"));
        assertThat(encoded.path("items")).hasSize(1);

        assertThat(client.sendJson("POST", "/api/tickets/search", "{\"q\":\"x\"}").statusCode())
                .as("JSON is not accepted where a form is expected").isEqualTo(415);
    }
}
