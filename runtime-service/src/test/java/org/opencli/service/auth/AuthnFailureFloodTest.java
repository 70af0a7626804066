package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A flood of bad tokens from one address: every request is refused, but only the allowance per
 * window gets a record each; the rest are counted into one summary record per window, so the
 * records account for every refusal without one durable write each.
 */
@QuarkusTest
@TestProfile(FailureFloodProfile.class)
class AuthnFailureFloodTest {
    private static final Pattern SUMMARY = Pattern.compile("\"detail\":\"(\\d+) further authentication failures? from 127\\.0\\.0\\.1 ");

    @Test
    void everyRefusalIsAccountedForByItsOwnRecordOrInAWindowsSummary() {
        int refusals = 25;
        for (int i = 0; i < refusals; i++) {
            given().header("Authorization", "Bearer not-a-jwt-" + i).when().get("/v1/catalog/effective")
                    .then().statusCode(401).header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        }
        given().when().get("/v1/catalog/effective").then().statusCode(401); // no token at all: reason missing

        // summaries are written once their one-second window is over: wait until they account for all 26
        int[] counts = new int[2]; // own records, refusals counted in summaries
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<String> lines = failures();
            counts[0] = (int) lines.stream().filter(l -> !l.contains("\"reasonCode\":\"repeated_failures\"")).count();
            counts[1] = lines.stream().mapToInt(AuthnFailureFloodTest::counted).sum();
            assertThat(counts[0] + counts[1]).as("records account for every refusal: " + lines).isEqualTo(refusals + 1);
        });
        int summarised = counts[1];
        List<String> failures = failures();
        assertThat(summarised).as("most of the flood went into summaries").isGreaterThan(0);
        List<String> ownRecords = failures.stream().filter(l -> !l.contains("repeated_failures")).toList();
        assertThat(ownRecords).allSatisfy(l -> assertThat(l).contains("GET /v1/catalog/effective from 127.0.0.1"));
        assertThat(failures.stream().filter(l -> l.contains("repeated_failures")))
                .allSatisfy(l -> assertThat(l).contains("\"decision\":\"deny\"").contains("\"code\":\"unauthenticated\"")
                        .containsPattern("(malformed|missing) \\d+\"").doesNotContain("not-a-jwt"));
    }

    private static List<String> failures() {
        return AuthWorld.auditLines().stream().filter(l -> l.contains("\"eventType\":\"authn_failure\"")).toList();
    }

    private static int counted(String line) {
        if (!line.contains("\"reasonCode\":\"repeated_failures\"")) return 0;
        Matcher m = SUMMARY.matcher(line);
        if (!m.find()) throw new AssertionError("a summary record without its count: " + line);
        return Integer.parseInt(m.group(1));
    }
}
