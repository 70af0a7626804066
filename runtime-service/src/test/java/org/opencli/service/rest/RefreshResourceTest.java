package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.json.Json;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/** {@code GET|POST /v1/refresh} against a real publisher (a JDK HTTP server on an ephemeral port). */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class RefreshResourceTest extends AsOwner {
    HttpServer publisher;
    final ExecutorService handlers = Executors.newCachedThreadPool();
    /** Opened by the streaming test once it has read the first source's line; owners.yaml waits for it. */
    final CountDownLatch firstLineSeen = new CountDownLatch(1);

    @TestHTTPResource("/v1/refresh")
    URI refreshUri;
    final AtomicReference<String> document = new AtomicReference<>();
    Path config;

    private static String api(String... ops) {
        StringBuilder paths = new StringBuilder();
        for (String op : ops)
            paths.append("  /").append(op).append(":\n    get: {operationId: ").append(op)
                    .append(", responses: {\"200\": {description: ok}}}\n");
        return "openapi: 3.1.0\ninfo: {title: Pets, version: \"1\"}\nservers: [{url: /v1}]\npaths:\n" + paths;
    }

    @BeforeEach
    void startPublisher() throws IOException {
        document.set(api("listPets"));
        publisher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        publisher.createContext("/pets.yaml", ex -> {
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            String etag = "\"" + Integer.toHexString(document.get().hashCode()) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        publisher.createContext("/owners.yaml", ex -> {
            try {
                firstLineSeen.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = api("listOwners").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        publisher.setExecutor(handlers);
        publisher.start();
        Path dir = Files.createTempDirectory("refresh-test");
        config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"pets":{"type":"openapi","uri":"http://127.0.0.1:%d/pets.yaml"}},
                 "services":{"pets":{"source":"pets"}}}""".formatted(publisher.getAddress().getPort()));
    }

    @AfterEach
    void stopPublisher() {
        publisher.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void postThenGetForceRevalidationAndAnswerEachSourcesOutcome() {
        given().queryParam("config", config.toString()).when().post("/v1/refresh")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("catalogRebuilt", equalTo(true))
                .body("sources", hasSize(1))
                .body("sources[0].id", equalTo("pets"))
                .body("sources[0].cacheOutcome", equalTo("miss"))
                .body("sources[0].statusCode", equalTo(200))
                .body("sources[0].stale", equalTo(false))
                .body("sources[0].documents[0].cacheControl", equalTo("no-cache"));
        given().queryParam("config", config.toString()).when().get("/v1/refresh")
                .then().statusCode(200).body("sources[0].cacheOutcome", equalTo("revalidated_hit"))
                .body("sources[0].statusCode", equalTo(304));
        document.set(api("listPets", "adoptPet"));
        given().contentType("application/json").body("{\"config\":\"" + config + "\",\"source\":\"pets\"}")
                .when().post("/v1/refresh")
                .then().statusCode(200).body("sources[0].cacheOutcome", equalTo("refreshed"));
        given().queryParam("config", config.toString()).when().get("/v1/catalog/effective")
                .then().statusCode(200).body("catalog.tools.id", org.hamcrest.Matchers.hasItem("pets:adoptPet"))
                .body("catalog.sources[0].provenance.fetches[0].cacheControl", equalTo("no-cache"));
        publisher.stop(0);
        given().queryParam("config", config.toString()).when().post("/v1/refresh")
                .then().statusCode(200).body("sources[0].cacheOutcome", equalTo("stale_hit"))
                .body("sources[0].stale", equalTo(true))
                .body("sources[0].reason", equalTo("unreachable"));
    }

    @Test
    void ndjsonAnswersEachSourceAsItIsReadThenTheReport() throws Exception {
        Path two = config.resolveSibling("two.json");
        Files.writeString(two, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"pets":{"type":"openapi","uri":"http://127.0.0.1:%1$d/pets.yaml"},
                            "owners":{"type":"openapi","uri":"http://127.0.0.1:%1$d/owners.yaml"}},
                 "services":{"pets":{"source":"pets"},"owners":{"source":"owners"}}}""".formatted(publisher.getAddress().getPort()));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(refreshUri)
                .header("Authorization", ownerAuthorization()).header("Accept", "application/x-ndjson")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"config\":\"" + two + "\"}")).build();
        HttpResponse<Stream<String>> response = client.send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-ndjson"));
        Iterator<String> lines = response.body().iterator();
        // owners.yaml is held until this line was read: it can only come while the refresh is under way
        JsonNode first = Json.MAPPER.readTree(lines.next());
        assertThat(firstLineSeen.getCount()).isEqualTo(1);
        firstLineSeen.countDown();
        assertThat(first.path("event").asText()).isEqualTo("source");
        assertThat(first.path("source").path("id").asText()).isEqualTo("pets");
        assertThat(first.path("source").path("cacheOutcome").asText()).isEqualTo("miss");
        JsonNode second = Json.MAPPER.readTree(lines.next());
        assertThat(second.path("source").path("id").asText()).isEqualTo("owners");
        JsonNode last = Json.MAPPER.readTree(lines.next());
        assertThat(last.path("event").asText()).isEqualTo("report");
        assertThat(last.path("report").path("catalogRebuilt").asBoolean()).isTrue();
        assertThat(last.path("report").path("sources").findValuesAsText("id"))
                .contains("pets", "owners");
        assertThat(lines.hasNext()).isFalse();
    }

    @Test
    void ndjsonRefusesBadInputAsAProblemBeforeStreaming() {
        given().accept("application/x-ndjson").queryParam("config", config.toString()).queryParam("source", "nope")
                .when().post("/v1/refresh")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unknown_source"));
    }

    @Test
    void badInputIsAProblemAndNothingIsFetched() {
        given().queryParam("config", config.toString()).queryParam("source", "../x").when().post("/v1/refresh")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("invalid_source"));
        given().queryParam("config", config.toString()).queryParam("source", "nope").when().get("/v1/refresh")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unknown_source"));
        given().contentType("application/json").body("{\"sources\":\"pets\"}").when().post("/v1/refresh")
                .then().statusCode(400).body("code", equalTo("invalid_request"));
        given().contentType("application/json").body("[1]").when().post("/v1/refresh")
                .then().statusCode(400).body("code", equalTo("invalid_request"));
        given().queryParam("source", "pets").contentType("application/json")
                .body("{\"config\":\"" + config + "\",\"source\":\"other\"}").when().post("/v1/refresh")
                .then().statusCode(400).body("code", equalTo("invalid_request"));
    }
}
