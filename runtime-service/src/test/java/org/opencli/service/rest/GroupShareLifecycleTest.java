package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.opencli.core.config.ConfigFiles;
import org.opencli.service.AsOwner;

/** A group-shared daemon admits only its share key, and follows runtime.local when the config changes. */
@QuarkusTest
@TestProfile(GroupShareProfile.class)
class GroupShareLifecycleTest extends AsOwner {

    private static ValidatableResponse heartbeat(String body) {
        return given().contentType("application/json").body(body).when().post("/v1/runtime/heartbeat").then();
    }

    @Test
    void onlyTheShareKeyAttaches() {
        heartbeat("{\"sessionId\": \"group-a\"}").statusCode(409).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("runtime_attach_conflict")).body("detail", equalTo(
                        "this daemon is shared by a group (runtime.local.share: group) and the request's shareKey is missing"));
        heartbeat("{\"sessionId\": \"group-a\", \"shareKey\": \"team-kez\"}").statusCode(409)
                .body("code", equalTo("runtime_attach_conflict"))
                .body("detail", equalTo("this daemon is shared by a group (runtime.local.share: group) and the request's"
                        + " shareKey is not its runtime.local.shareKey"));
        heartbeat("{\"sessionId\": \"group-a\", \"shareKey\": \"team-key\"}").statusCode(200)
                .body("missedHeartbeatLimit", equalTo(5)); // heartbeatSeconds: the other test changes it
        given().when().get("/v1/runtime/info").then().statusCode(200)
                .body("lifecycle.share", equalTo("group"))
                .body("lifecycle.shutdown", equalTo("manual"))
                .body("lifecycle.sessionScope", equalTo("shared-group"));
    }

    @Test
    void aChangedConfigIsReadAgainAndItsNewFingerprintMatches() throws IOException {
        String before = ConfigFiles.fingerprint(GroupShareProfile.config);
        Files.writeString(GroupShareProfile.config, Files.readString(GroupShareProfile.config)
                .replace("\"heartbeatSeconds\": 2", "\"heartbeatSeconds\": 3"));
        String after = ConfigFiles.fingerprint(GroupShareProfile.config);
        heartbeat("{\"sessionId\": \"group-b\", \"shareKey\": \"team-key\", \"configFingerprint\": \"" + before + "\"}")
                .statusCode(409).body("code", equalTo("runtime_attach_mismatch"));
        heartbeat("{\"sessionId\": \"group-b\", \"shareKey\": \"team-key\", \"configFingerprint\": \"" + after + "\"}")
                .statusCode(200).body("heartbeatSeconds", equalTo(3));
        given().when().get("/v1/runtime/info").then().body("lifecycle.configFingerprint", equalTo(after))
                .body("lifecycle.heartbeatSeconds", equalTo(3));
    }
}
