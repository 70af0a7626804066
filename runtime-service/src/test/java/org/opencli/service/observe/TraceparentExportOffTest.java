package org.opencli.service.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/**
 * The daemon as shipped, export off (no OTLP endpoint): the engine's steps are not recorded, yet the
 * upstream still gets a real {@code traceparent} — the caller's trace and sampling decision continued,
 * a fresh span id of the call's own, or a new sampled trace when the caller sent none.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class TraceparentExportOffTest extends AsOwner {
    private ItemsUpstream upstream;

    @BeforeEach
    void world() throws IOException {
        upstream = new ItemsUpstream(false);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void theCallersTraceAndSamplingDecisionReachTheUpstream() {
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        for (String flags : List.of("01", "00")) {
            upstream.traceparents.clear();
            given().header("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-" + flags).contentType("application/json")
                    .body(upstream.executeBody()).when().post("/v1/tools/execute").then().statusCode(200);
            assertThat(upstream.traceparents).singleElement().satisfies(tp -> {
                String[] sent = tp.split("-");
                assertThat(sent).hasSize(4);
                assertThat(sent[1]).isEqualTo(callerTrace);
                assertThat(sent[2]).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7").isNotEqualTo("0".repeat(16));
                assertThat(sent[3]).as("the caller's sampling decision").isEqualTo(flags);
            });
        }
    }

    @Test
    void withoutACallerTraceTheUpstreamGetsANewSampledOne() {
        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(upstream.executeBody()).when().post("/v1/tools/execute").then().statusCode(200);
        }
        assertThat(upstream.traceparents).hasSize(2).allSatisfy(tp -> assertThat(tp).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        assertThat(upstream.traceparents.get(0).split("-")[1]).as("one trace per request").isNotEqualTo(upstream.traceparents.get(1).split("-")[1]);
    }
}
