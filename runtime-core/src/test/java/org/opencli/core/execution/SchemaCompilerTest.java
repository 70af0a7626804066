package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencli.core.catalog.ToolSchemas;
import org.opencli.core.json.Json;

/** Schema compilation never reaches the network and never writes into the document's nodes. */
class SchemaCompilerTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aRemoteRefIsNeverFetchedAndLeavesTheSchemaUnchecked() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] schema = "{\"type\": \"integer\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, schema.length);
            exchange.getResponseBody().write(schema);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.json";
            ToolSchemas schemas = new ToolSchemas("3.1.0", Map.of());
            JsonNode schema = json("{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"" + url + "\"}}}");
            assertThat(SchemaCompiler.compile(schemas, SchemaCompiler.skeleton(schemas), schema, false)).isEmpty();
            ToolSchemas schemas30 = new ToolSchemas("3.0.3", Map.of());
            assertThat(SchemaCompiler.compile(schemas30, SchemaCompiler.skeleton(schemas30), schema, false)).isEmpty();
            assertThat(hits.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nestedRefTargetsAreNotWrittenIntoTheDocument() throws Exception {
        JsonNode doc = json("{\"components\": {\"schemas\": {\"A\": {\"type\": \"object\", \"properties\": {\"b\": {\"type\": \"string\"}}}}}}");
        JsonNode a = doc.at("/components/schemas/A");
        String before = doc.toString();
        ToolSchemas schemas = new ToolSchemas("3.0.3", Map.of(
                "#/components/schemas/A/properties/b", a.at("/properties/b"), "#/components/schemas/A", a));
        ObjectNode skeleton = SchemaCompiler.skeleton(schemas);
        assertThat(skeleton.at("/components/schemas/A")).isSameAs(a);
        assertThat(doc.toString()).isEqualTo(before);
        var compiled = SchemaCompiler.compile(schemas, skeleton, json("{\"$ref\": \"#/components/schemas/A/properties/b\"}"), false);
        assertThat(compiled).isPresent();
        assertThat(compiled.get().validate(json("5"))).hasSize(1);
        assertThat(compiled.get().validate(json("\"five\""))).isEmpty();
    }
}
