package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/** {@code GET|POST /v1/refresh} against a real publisher (a JDK HTTP server on an ephemeral port). */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class RefreshResourceTest extends AsOwner {
    HttpServer publisher;
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
