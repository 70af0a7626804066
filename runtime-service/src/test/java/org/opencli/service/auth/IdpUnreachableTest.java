package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Runtime auth on and the keys' endpoint unreachable: the request is refused 502
 * {@code auth_unavailable} (fail closed), and the refusal leaves one {@code authn_failure} record and
 * one log line, neither holding the token.
 */
@QuarkusTest
@TestProfile(IdpUnreachableProfile.class)
class IdpUnreachableTest {
    @Inject
    MeterRegistry registry;

    @Test
    void aRequestRefusedForAnUnreachableIdpIsAuditedAndLogged() {
        String token = AuthWorld.token("judy", "tool:helpdesk:listTickets");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        double countedBefore = unavailableCount();
        given().header("Authorization", "Bearer " + token).header("X-Request-Id", "idp-down-1")
                .when().get("/v1/catalog/effective")
                .then().statusCode(502)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("auth_unavailable"))
                .body("status", equalTo(502))
                .body(not(org.hamcrest.Matchers.containsString(signature)));

        // the answer waits for the record, so it is there already
        List<String> records = AuthWorld.auditLines().stream().filter(l -> l.contains("\"idp-down-1\"")).toList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).contains("\"eventType\":\"authn_failure\"").contains("\"decision\":\"deny\"")
                .contains("\"reasonCode\":\"auth_unavailable\"").contains("\"code\":\"auth_unavailable\"")
                .contains("GET /v1/catalog/effective from 127.0.0.1").doesNotContain(signature);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !logLines("idp-down-1").isEmpty());
        List<String> logged = logLines("idp-down-1");
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("WARN").contains("auth_unavailable").contains("could not be reached")
                .doesNotContain(signature).hasSizeLessThan(1000);
        // counted under its own reason, so an alert can tell an IdP outage from bad tokens
        assertThat(unavailableCount()).isEqualTo(countedBefore + 1);
    }

    private double unavailableCount() {
        var counter = registry.find("ocli.authn.failures").tag("reason", "auth_unavailable").counter();
        return counter == null ? 0 : counter.count();
    }

    /** The log lines naming the request as refused (its MDC id appears on other lines too). */
    private static List<String> logLines(String requestId) {
        try {
            if (!Files.exists(AuthWorld.logFile)) return List.of();
            return Files.readAllLines(AuthWorld.logFile).stream().filter(l -> l.contains("request " + requestId + " refused")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
