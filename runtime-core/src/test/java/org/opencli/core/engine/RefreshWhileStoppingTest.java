package org.opencli.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.auth.Caller;
import org.opencli.core.discovery.TestHttpServer;
import org.opencli.core.discovery.TestHttpServer.Reply;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Once the daemon's drain began (SIGTERM), a refresh is refused as a new execution is: probing found
 * one accepted after SIGTERM fetching from a slow publisher past Quarkus' shutdown timeout, its
 * client left without an answer and its {@code catalog_refresh} record lost.
 */
class RefreshWhileStoppingTest {
    @TempDir
    Path dir;
    TestHttpServer publisher;
    RuntimeEngine engine;

    @BeforeEach
    void start() throws Exception {
        publisher = new TestHttpServer();
        publisher.route("/pets.yaml", Reply.ok("""
                openapi: 3.1.0
                info: {title: Pets, version: "1"}
                paths:
                  /pets:
                    get: {operationId: listPets, responses: {"200": {description: ok}}}
                """));
        Path config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli":"1","mode":{"default":"discover"},"sources":{"pets":{"type":"openapi","uri":"%s"}},"services":{"pets":{"source":"pets"}}}"""
                .formatted(publisher.url("/pets.yaml")));
        engine = EmbeddedEngines.under(dir, config);
    }

    @AfterEach
    void stop() {
        engine.close();
        publisher.close();
    }

    @Test
    void aRefreshAfterTheDrainBeganIsRefusedAndFetchesNothing() throws Exception {
        assertThat(engine.refresh(new RefreshQuery(null, null), Caller.unauthenticated("before")).catalogRebuilt()).isTrue();
        long asked = publisher.count("GET", "/pets.yaml");

        engine.drain(Duration.ofMillis(100));

        assertThatThrownBy(() -> engine.refresh(new RefreshQuery(null, null), Caller.unauthenticated("after")))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("shutting_down");
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                });
        assertThat(publisher.count("GET", "/pets.yaml")).isEqualTo(asked);
        assertThat(Files.readString(dir.resolve("state/audit.log"))).contains("\"requestId\":\"before\"")
                .doesNotContain("\"requestId\":\"after\"");
    }
}
