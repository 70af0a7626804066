package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencli.cli.catalog.SchemaSummary;
import org.opencli.core.json.Json;

/** Schemas in words for explain and --help: types, allowed values, body fields, bounded. */
class SchemaSummaryTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static JsonNode toolWithBody(String schema) throws Exception {
        return json("{\"id\": \"s:t\", \"requestBody\": {\"contentTypes\": [{\"mediaType\": \"text/plain\", \"schema\": {\"type\": \"string\"}},"
                + " {\"mediaType\": \"application/json\", \"schema\": " + schema + "}]}}");
    }

    @Test
    void typesAndAllowedValues() throws Exception {
        assertThat(SchemaSummary.parameter(json("{\"type\": \"string\", \"enum\": [\"open\", \"closed\"]}")))
                .isEqualTo("string, one of: open, closed");
        assertThat(SchemaSummary.type(json("{\"type\": \"integer\", \"nullable\": true}"))).isEqualTo("integer or null");
        assertThat(SchemaSummary.type(json("{\"type\": [\"number\", \"null\"]}"))).isEqualTo("number or null");
        assertThat(SchemaSummary.parameter(json("{\"type\": \"array\", \"items\": {\"type\": \"string\", \"enum\": [\"a\", \"b\"]}}")))
                .isEqualTo("array of string, one of: a, b");
        assertThat(SchemaSummary.type(json("{\"$ref\": \"#/components/schemas/User\"}"))).isEqualTo("User");
    }

    @Test
    void bodyFieldsOfTheJsonMediaTypeNestedOneLevelWithAllOfMerged() throws Exception {
        JsonNode tool = toolWithBody("{\"type\": \"object\", \"required\": [\"title\"], \"properties\": {"
                + "\"title\": {\"type\": \"string\"}, \"priority\": {\"type\": \"string\", \"enum\": [\"low\", \"high\"]},"
                + "\"assignee\": {\"type\": \"object\", \"required\": [\"email\"], \"properties\": {\"email\": {\"type\": \"string\"},"
                + "  \"address\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}}},"
                + "\"owner\": {\"$ref\": \"#/components/schemas/User\"}},"
                + "\"allOf\": [{\"properties\": {\"due\": {\"type\": \"string\"}}}]}");
        assertThat(SchemaSummary.bodyFields(tool)).containsExactly(
                "  title (string), required",
                "  priority (string), one of: low, high",
                "  assignee (object)",
                "    email (string), required",
                "    address (object)",
                "  owner (User)",
                "  due (string)");
    }

    @Test
    void aReferencedBodyIsNamedAndManyFieldsAreCut() throws Exception {
        assertThat(SchemaSummary.bodyFields(toolWithBody("{\"$ref\": \"#/components/schemas/TicketInput\"}")))
                .containsExactly("  (schema TicketInput: see 'ocli tool schema s:t')");
        StringBuilder many = new StringBuilder("{\"type\": \"object\", \"properties\": {");
        for (int i = 0; i < 100; i++) many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\": {\"type\": \"object\", \"properties\": {\"x\": {}}}");
        many.append("}}");
        var lines = SchemaSummary.bodyFields(toolWithBody(many.toString()));
        assertThat(lines).hasSize(41);
        assertThat(lines.get(40)).isEqualTo("  … (more fields: see 'ocli tool schema')");
    }
}
