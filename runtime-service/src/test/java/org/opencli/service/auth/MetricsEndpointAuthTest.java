package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With runtime auth on, {@code /q/metrics} is on the API port behind the boundary like everything
 * else: no token is a 401, a token without {@code runtime:metrics} a 403, a token with it the
 * Prometheus text — which counts those very refusals.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class MetricsEndpointAuthTest {

    @Test
    void metricsNeedATokenWithTheMetricsScope() {
        given().when().get("/q/metrics").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("reason", equalTo("missing"));
        AuthBoundaryTest.as(AuthWorld.token("lena", "bundle:helpdesk")).when().get("/q/metrics").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("requiredScope", equalTo("runtime:metrics"));
        given().header("Authorization", "Bearer not.a.jwt").when().get("/q/metrics").then().statusCode(401);

        String text = AuthBoundaryTest.as(AuthWorld.token("prometheus", "runtime:metrics")).accept("text/plain")
                .when().get("/q/metrics")
                .then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();
        assertThat(value(text, "ocli_authn_failures_total{reason=\"missing\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "ocli_authn_failures_total{reason=\"malformed\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "ocli_authz_denials_total{scope=\"runtime:metrics\"}")).isGreaterThanOrEqualTo(1);
        // the audit store's figures: the refusals above are records written
        assertThat(value(text, "ocli_audit_records_written_total")).isGreaterThanOrEqualTo(3);
        assertThat(value(text, "ocli_audit_healthy")).isEqualTo(1);
        assertThat(value(text, "ocli_audit_queue_depth")).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "ocli_audit_exporter_failures_total{exporter=\"feed\"}")).isZero();
        assertThat(value(text, "ocli_audit_force_duration_seconds_count")).isGreaterThanOrEqualTo(1);
        // no principal, token or path in any series
        assertThat(text).doesNotContain("lena").doesNotContain("prometheus\"").doesNotContain("/v1/");
    }

    /** The sample's value; the text format's optional comma before a closing brace is dropped first. */
    static double value(String text, String series) {
        text = text.replace(",}", "}");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
