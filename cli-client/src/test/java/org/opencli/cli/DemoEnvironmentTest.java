package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.demo.DemoEnvironment;
import org.opencli.core.json.Json;

/** The demo files and upstream, without the engine. */
class DemoEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void writesFilesPointingAtALiveUpstream() throws Exception {
        Files.createDirectories(dir.resolve("demo"));
        Files.writeString(dir.resolve("demo/shop.openapi.yaml"), "stale");
        try (DemoEnvironment demo = DemoEnvironment.start(dir.resolve("demo"))) {
            assertThat(demo.configPath()).isEqualTo(dir.resolve("demo/.cli.json"));
            assertThat(Json.MAPPER.readTree(demo.configPath().toFile()).path("services").path("shop").path("alias").asText())
                    .isEqualTo("shop");
            String openapi = Files.readString(dir.resolve("demo/shop.openapi.yaml"));
            assertThat(openapi).contains("url: " + demo.upstreamUrl()).doesNotContain("__DEMO_UPSTREAM_URL__", "stale");
            for (String f : new String[] {"shop.overlay.yaml", "shop.skill.json", "shop.arazzo.yaml"}) {
                assertThat(dir.resolve("demo").resolve(f)).isRegularFile();
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> item = http.send(HttpRequest.newBuilder(URI.create(demo.upstreamUrl() + "/items/7")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(item.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(item.body()).path("name").asText()).isEqualTo("Teapot");
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(demo.upstreamUrl() + "/items/99")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }
}
