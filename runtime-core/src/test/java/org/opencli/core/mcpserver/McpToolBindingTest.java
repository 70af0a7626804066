package org.opencli.core.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencli.core.json.Json;

/** A catalog tool's JSON as an MCP tool, and arguments back as the execute request's parts. */
class McpToolBindingTest {
    private static final String TOOL = """
            {"id": "hd:updateTicket", "summary": "Update a ticket", "description": "Changes fields.",
             "pathParams": [{"name": "ticket-id", "originalName": "ticketId", "location": "path", "required": true,
                             "schema": {"type": "string"}}],
             "flags": [{"name": "notify", "originalName": "notify", "location": "query", "required": false,
                        "description": "Tell the watchers", "schema": {"type": "boolean"}}],
             "requestBody": {"required": true, "contentTypes": [
                 {"mediaType": "text/plain", "schema": {"type": "string"}},
                 {"mediaType": "application/json", "schema": {"$ref": "#/components/schemas/Patch"}}]},
             "safety": {"destructive": false, "readOnly": false, "requiresApproval": true, "idempotent": true}}
            """;

    @Test
    void schemaAnnotationsAndApprovalComeFromTheCatalog() throws Exception {
        McpToolBinding b = McpToolBinding.of("hd__updateTicket", Json.MAPPER.readTree(TOOL));
        JsonNode schema = Json.MAPPER.valueToTree(b.tool().inputSchema());
        assertThat(schema.path("required").toString()).isEqualTo("[\"ticket-id\",\"body\"]");
        assertThat(schema.path("properties").path("notify").path("description").asText()).isEqualTo("Tell the watchers");
        // the JSON media type wins; its $ref into the source document is not carried, so it is named, not followed
        assertThat(schema.path("properties").path("body").path("description").asText()).contains("#/components/schemas/Patch", "application/json");
        assertThat(schema.path("properties").path("_approve").path("type").asText()).isEqualTo("boolean");
        assertThat(b.tool().annotations().idempotentHint()).isTrue();
        assertThat(b.tool().annotations().readOnlyHint()).isFalse();
        assertThat(b.tool().description()).contains("Update a ticket", "Changes fields.", "hd:updateTicket", "_approve");
        assertThat(b.bodyMediaType()).isEqualTo("application/json");
    }

    @Test
    void argumentsBecomePathArgsFlagsBodyAndApproval() throws Exception {
        McpToolBinding b = McpToolBinding.of("hd__updateTicket", Json.MAPPER.readTree(TOOL));
        McpCall call = McpCallArguments.read(b, Map.of("ticket-id", 42, "notify", true, "body", Map.of("title", "x"), "_approve", true));
        assertThat(call.toolId()).isEqualTo("hd:updateTicket");
        assertThat(call.pathArgs()).isEqualTo(List.of("42"));
        assertThat(call.flags()).containsOnlyKeys("notify");
        assertThat(call.body().path("title").asText()).isEqualTo("x");
        assertThat(call.bodyContentType()).isEqualTo("application/json");
        assertThat(call.approval()).isTrue();
        McpCall text = McpCallArguments.read(b, Map.of("ticket-id", "7", "body", "plain"));
        assertThat(new String(Base64.getDecoder().decode(text.body().asText()), StandardCharsets.UTF_8)).isEqualTo("\"plain\"");
        assertThat(text.approval()).isFalse();
    }

    @Test
    void aMissingPathParameterOrAMalformedApprovalIsRefusedBeforeAnyCall() throws Exception {
        McpToolBinding b = McpToolBinding.of("hd__updateTicket", Json.MAPPER.readTree(TOOL));
        assertThatThrownBy(() -> McpCallArguments.read(b, Map.of("notify", true)))
                .isInstanceOf(McpCallArguments.InvalidArguments.class).hasMessageContaining("ticket-id");
        assertThatThrownBy(() -> McpCallArguments.read(b, Map.of("ticket-id", "1", "_approve", "yes")))
                .isInstanceOf(McpCallArguments.InvalidArguments.class).hasMessageContaining("_approve");
    }
}
