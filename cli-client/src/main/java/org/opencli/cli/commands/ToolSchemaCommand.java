package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.output.Table;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ocli tool schema <tool-id | service group command>}: the inputs a tool takes, with their schemas. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Show a tool's path parameters, flags and request body with their schemas.",
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo tool schema shop:createOrder --format yaml", "  ocli --demo tool schema shop orders create-order"})
public class ToolSchemaCommand extends BaseCommand {
    @Mixin
    ToolWords words;

    @Override
    public Integer call() {
        JsonNode tool = words.find(session().catalog());
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("toolId", tool.path("id").asText());
        schema.set("pathParams", arrayOrEmpty(tool.path("pathParams")));
        schema.set("flags", arrayOrEmpty(tool.path("flags")));
        if (tool.has("requestBody")) schema.set("requestBody", tool.get("requestBody"));
        output().write(schema, () -> table(schema));
        return 0;
    }

    private static JsonNode arrayOrEmpty(JsonNode node) {
        return node.isArray() ? node : Json.MAPPER.createArrayNode();
    }

    private static Table table(ObjectNode schema) {
        Table table = new Table("INPUT", "NAME", "LOCATION", "REQUIRED", "SCHEMA");
        for (JsonNode p : schema.path("pathParams")) addParam(table, "arg", p);
        for (JsonNode f : schema.path("flags")) addParam(table, "flag", f);
        JsonNode body = schema.path("requestBody");
        for (JsonNode content : body.path("contentTypes")) {
            table.row("body", content.path("mediaType").asText(), "body", body.path("required").asBoolean(false),
                    compact(content.path("schema")));
        }
        return table;
    }

    private static void addParam(Table table, String kind, JsonNode param) {
        String name = "flag".equals(kind) ? "--" + param.path("name").asText() : param.path("name").asText();
        table.row(kind, name, param.path("location").asText(), param.path("required").asBoolean(false),
                compact(param.path("schema")));
    }

    private static String compact(JsonNode schema) {
        return schema.isMissingNode() || schema.isNull() ? "" : schema.toString();
    }
}
