package org.opencli.service.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opencli.core.json.Json;
import org.opencli.service.AsOwner;

/**
 * A client that disconnects while its MCP tool call runs — on {@code POST /v1/tools/execute} and on
 * {@code /mcp} — cancels it: the real server-everything receives {@code notifications/cancelled} for
 * that request, the call's one audit record says {@code caller_cancelled}, and the source serves the
 * next call.
 */
@QuarkusTest
@TestProfile(McpCancelProfile.class)
class McpCancellationDaemonTest extends AsOwner {
    private static final String LONG = "everything:trigger-long-running-operation";

    @TestHTTPResource("/")
    URL base;

    @Test
    void aDisconnectedExecuteCallIsCancelledAtTheServerAndAuditedOnce() throws Exception {
        String body = "{\"toolId\": \"" + LONG + "\", \"flags\": {\"duration\": 60, \"steps\": 60}}";
        dropMidCall("/v1/tools/execute", "cancel-execute-1", body);
        awaitCancelledRecord("cancel-execute-1");
        given().contentType("application/json").body("{\"toolId\": \"everything:echo\", \"flags\": {\"message\": \"next\"}}")
                .when().post("/v1/tools/execute").then().statusCode(200).body("text", equalTo("Echo: next"));
    }

    @Test
    void aDisconnectedMcpClientsCallIsCancelledTheSameWay() throws Exception {
        String body = "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"tools/call\", \"params\": {\"name\": "
                + "\"everything__trigger-long-running-operation\", \"arguments\": {\"duration\": 60, \"steps\": 60}}}";
        dropMidCall("/mcp", "cancel-mcp-1", body);
        awaitCancelledRecord("cancel-mcp-1");
        given().contentType("application/json").body("{\"jsonrpc\": \"2.0\", \"id\": 8, \"method\": \"tools/call\", \"params\": "
                + "{\"name\": \"everything__echo\", \"arguments\": {\"message\": \"next\"}}}")
                .when().post("/mcp").then().statusCode(200).body("result.content[0].text", equalTo("Echo: next"));
    }

    /** Sends {@code body}, waits until the server received the tools/call, disconnects, and waits for the server to hear it. */
    private void dropMidCall(String path, String requestId, String body) throws Exception {
        int callsBefore = messages("tools/call").size();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + ownerAuthorization() + "\r\nX-Request-Id: " + requestId + "\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages("tools/call").size() > callsBefore);
        } // the client goes away mid-call
        JsonNode sent = messages("tools/call").get(callsBefore);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> messages("notifications/cancelled").stream()
                .anyMatch(m -> m.path("params").path("requestId").equals(sent.path("id"))));
    }

    private void awaitCancelledRecord(String requestId) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !events(requestId).getList("events").isEmpty());
        JsonPath events = events(requestId);
        assertThat(events.getList("events")).hasSize(1);
        assertThat(events.getString("events[0].toolId")).isEqualTo(LONG);
        assertThat(events.getString("events[0].reasonCode")).isEqualTo("caller_cancelled");
        assertThat(events.getString("events[0].decision")).isEqualTo("error");
    }

    private static JsonPath events(String requestId) {
        return given().queryParam("requestId", requestId).when().get("/v1/audit/events").then().statusCode(200).extract().jsonPath();
    }

    /** Every message with {@code method} the server received so far, in order. */
    private static List<JsonNode> messages(String method) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(McpCancelProfile.RECEIVED)) return found;
        for (String line : Files.readAllLines(McpCancelProfile.RECEIVED)) {
            try {
                JsonNode m = Json.MAPPER.readTree(line);
                if (m != null && method.equals(m.path("method").asText())) found.add(m);
            } catch (IOException partial) {
                // the last line may still be on its way
            }
        }
        return found;
    }
}
