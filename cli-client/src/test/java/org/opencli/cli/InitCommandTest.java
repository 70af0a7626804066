package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

class InitCommandTest {
    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(Map.of(), dir);
    }

    @Test
    void writesStarterConfigNamedAfterTheTitle() throws Exception {
        Path api = Files.writeString(dir.resolve("api.yaml"), "openapi: 3.1.0\ninfo:\n  title: Pet Store API!\n  version: '1'\npaths: {}\n");
        Path out = dir.resolve("proj/.cli.json");
        CliResult r = cli().run("init", api.toString(), "--output", out.toString(), "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode config = Json.MAPPER.readTree(out.toFile());
        assertThat(config.path("cli").asText()).isEqualTo("1.0.0");
        assertThat(config.path("mode").path("default").asText()).isEqualTo("discover");
        assertThat(config.path("sources").path("pet-store-api").path("type").asText()).isEqualTo("openapi");
        assertThat(config.path("sources").path("pet-store-api").path("uri").asText()).isEqualTo("../api.yaml");
        assertThat(config.path("services").path("pet-store-api").path("alias").asText()).isEqualTo("pet-store-api");
        assertThat(Json.MAPPER.readTree(r.out()).path("serviceId").asText()).isEqualTo("pet-store-api");
    }

    @Test
    void fallsBackToTheFileName() throws Exception {
        Path api = Files.writeString(dir.resolve("Billing_v2.json"), "{\"openapi\":\"3.0.3\",\"paths\":{}}");
        Path out = dir.resolve(".cli.json");
        CliResult r = cli().run("init", api.toString(), "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("wrote " + out + " (service 'billing-v2'");
        assertThat(Json.MAPPER.readTree(out.toFile()).path("services").has("billing-v2")).isTrue();
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path api = Files.writeString(dir.resolve("a.yaml"), "openapi: 3.0.3\ninfo: {title: A, version: '1'}\npaths: {}\n");
        Path out = Files.writeString(dir.resolve(".cli.json"), "keep me");
        CliResult r = cli().run("init", api.toString(), "--output", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Refusing to overwrite", "--force");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        assertThat(cli().run("init", api.toString(), "--output", out.toString(), "--force").exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(out.toFile()).path("services").has("a")).isTrue();
    }

    @Test
    void readsTheTitleFromAUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/specs/openapi.json", ex -> {
            byte[] body = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Remote Inventory\"},\"paths\":{}}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/specs/openapi.json";
            Path out = dir.resolve(".cli.json");
            assertThat(cli().run("init", url, "--output", out.toString()).exitCode()).isZero();
            JsonNode config = Json.MAPPER.readTree(out.toFile());
            assertThat(config.path("sources").path("remote-inventory").path("uri").asText()).isEqualTo(url);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void namesTheToolCountTheSchemesAndTheSecretsTheyNeed() throws Exception {
        Path api = Files.writeString(dir.resolve("tickets.yaml"), """
                openapi: 3.0.3
                info: {title: Helpdesk, version: "1"}
                components:
                  securitySchemes:
                    bearerAuth: {type: http, scheme: bearer}
                    apiKey: {type: apiKey, in: header, name: X-API-Key}
                    oauth:
                      type: oauth2
                      flows:
                        clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {read: r}}
                    unused: {type: http, scheme: basic}
                security: [{bearerAuth: []}]
                paths:
                  /tickets:
                    get: {operationId: listTickets, responses: {"200": {description: ok}}}
                    post: {operationId: createTicket, security: [{apiKey: []}, {oauth: [read]}], responses: {"200": {description: ok}}}
                """);
        CliResult r = cli().run("init", "tickets.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(service 'helpdesk', 2 tools; try: ocli helpdesk --help)",
                "bearerAuth: http bearer", "apiKey: apiKey in header X-API-Key", "oauth: oauth2 clientCredentials",
                "ocli config add-secret helpdesk.bearerAuth --type env --value HELPDESK_BEARERAUTH",
                "ocli config add-secret helpdesk.oauth --type oauth2 --oauth2-mode clientCredentials --token-url https://auth.example.com/token"
                        + " --client-id env:HELPDESK_OAUTH_CLIENT_ID --client-secret env:HELPDESK_OAUTH_CLIENT_SECRET")
                .doesNotContain("unused");
        JsonNode json = Json.MAPPER.readTree(cli().run("init", api.toString(), "--force", "--format=json").out());
        assertThat(json.path("tools").asInt()).isEqualTo(2);
        assertThat(json.path("authSchemes").findValuesAsText("name")).containsExactly("bearerAuth", "apiKey", "oauth");
        assertThat(json.path("secrets").findValuesAsText("name")).containsExactly("helpdesk.bearerAuth", "helpdesk.apiKey", "helpdesk.oauth");

        // the printed lines work as typed and leave a valid config
        for (JsonNode secret : json.path("secrets")) {
            String[] words = secret.path("command").asText().split(" ");
            CliResult added = cli().run(java.util.Arrays.copyOfRange(words, 1, words.length));
            assertThat(added.exitCode()).as(added.err()).isZero();
        }
        assertThat(cli().run("config", "validate").exitCode()).isZero();
    }

    @Test
    void anInvalidDocumentIsReportedAndNothingIsWritten() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "openapi: 3.0.3\ninfo: {title: Bad, version: '1'}\npaths: []\n");
        CliResult r = cli().run("init", "bad.yaml", "--output=proj/.cli.json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("$.paths");
        assertThat(dir.resolve("proj/.cli.json")).doesNotExist();
        try (var left = Files.list(dir.resolve("proj"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void anInvalidDocumentSaysTheTitleOnceAndTheProblemOnce() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "openapi: 3.0.3\ninfo: {title: Bad, version: '1'}\npaths:\n  /a:\n    get:\n"
                + "      parameters: [{name: x}]\n      responses: {'200': {description: ok}}\n");
        CliResult r = cli().run("init", "bad.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("error: Invalid OpenAPI document: file:");
        assertThat(r.err().split("Invalid OpenAPI document", -1)).as(r.err()).hasSize(2);
        assertThat(r.err().split(java.util.regex.Pattern.quote("parameters[0]"), -1)).as(r.err()).hasSize(2);
    }

    @Test
    void missingDocumentIsUsage() {
        CliResult r = cli().run("init", dir.resolve("none.yaml").toString(), "--output", dir.resolve("x.json").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Document not found");
    }
}
