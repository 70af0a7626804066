package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/** {@code ocli refresh} with the engine in-process, against a real publisher on an ephemeral port. */
class RefreshCommandTest {
    @TempDir
    Path dir;
    HttpServer publisher;
    final AtomicInteger otherStatus = new AtomicInteger(200);
    Path config;

    private static final String API = "openapi: 3.1.0\ninfo: {title: Pets, version: \"1\"}\nservers: [{url: /v1}]\n"
            + "paths:\n  /pets:\n    get: {operationId: listPets, responses: {\"200\": {description: ok}}}\n";

    @BeforeEach
    void start() throws IOException {
        publisher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        publisher.createContext("/pets.yaml", ex -> {
            ex.getResponseHeaders().set("ETag", "\"1\"");
            ex.getResponseHeaders().set("Cache-Control", "max-age=0");
            if ("\"1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                byte[] body = API.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        publisher.createContext("/owners.yaml", ex -> {
            byte[] body = API.replace("Pets", "Owners").replace("listPets", "listOwners").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(otherStatus.get(), otherStatus.get() == 200 ? body.length : -1);
            if (otherStatus.get() == 200) ex.getResponseBody().write(body);
            ex.close();
        });
        publisher.start();
        String base = "http://127.0.0.1:" + publisher.getAddress().getPort();
        config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"pets":{"type":"openapi","uri":"%s/pets.yaml"},
                            "owners":{"type":"openapi","uri":"%s/owners.yaml"}},
                 "services":{"pets":{"source":"pets"},"owners":{"source":"owners"}}}""".formatted(base, base));
    }

    @AfterEach
    void stop() {
        publisher.stop(0);
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "--state-dir";
        all[1] = dir.resolve("state").toString();
        all[2] = "--embedded";
        all[3] = "--config";
        all[4] = config.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return new CliRunner(Map.of(), dir).run(all);
    }

    @Test
    void reportsEachSourcesOutcomeAsJsonAndAsATable() throws Exception {
        CliResult first = ocli("refresh", "--format", "json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(first.out());
        assertThat(report.path("catalogRebuilt").asBoolean()).isTrue();
        assertThat(report.path("sources")).extracting(s -> s.path("cacheOutcome").asText()).containsExactly("miss", "miss");

        CliResult table = ocli("refresh", "--source", "pets", "--format", "table");
        assertThat(table.exitCode()).as(table.err()).isZero();
        // owners was not asked for: read as usual; no-store means it is never cached, so a miss again
        assertThat(table.out()).contains("SOURCE", "FORCED", "pets", "revalidated_hit", "304", "owners", "miss")
                .contains("2 source(s): 1 miss, 1 revalidated_hit; catalog rebuilt");
        // progress first, a line per source in config order as the engine read it, then the table
        assertThat(table.out()).startsWith("pets: revalidated_hit (HTTP 304), 1 document\nowners: miss (HTTP 200), 1 document\n")
                .containsOnlyOnce("pets: revalidated_hit");
        assertThat(first.out()).doesNotContain("pets: miss");

        CliResult equalsForm = ocli("refresh", "--source=pets", "--format=json");
        assertThat(equalsForm.exitCode()).as(equalsForm.err()).isZero();
        assertThat(Json.MAPPER.readTree(equalsForm.out()).path("sources").get(0).path("cacheOutcome").asText())
                .isEqualTo("revalidated_hit");
    }

    @Test
    void aFailedSourceExitsUnreachableAndNamesIt() throws Exception {
        assertThat(ocli("refresh").exitCode()).isZero();
        otherStatus.set(503);
        CliResult failed = ocli("refresh", "--format", "json");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        JsonNode report = Json.MAPPER.readTree(failed.out());
        assertThat(report.path("catalogRebuilt").asBoolean()).isFalse();
        JsonNode owners = report.path("sources").get(1);
        assertThat(owners.path("id").asText()).isEqualTo("owners");
        assertThat(owners.path("cacheOutcome").asText()).isEqualTo("failed");
        assertThat(owners.path("reason").asText()).isEqualTo("source_fetch_failed");
    }

    @Test
    void anUnknownOrMalformedSourceIsRefused() {
        assertThat(ocli("refresh", "--source", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        CliResult bad = ocli("refresh", "--source", "a/b");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("source");
    }
}
