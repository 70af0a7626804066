package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/**
 * Every endpoint reads its input strictly and answers every refusal as problem+json: exact JSON
 * types, no unknown members, no trailing data, bounded depth and numbers, safe config paths, and
 * the HTTP layer's own limits. No answer quotes a file the daemon read.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class InputStrictnessTest extends AsOwner {
    private static final String CANARY = "CANARY-9d2c-NEVER-ECHOED";

    private static ValidatableResponse post(String path, String body) {
        return given().contentType("application/json").body(body).when().post(path).then();
    }

    private static ValidatableResponse refused(ValidatableResponse r, int status, String code) {
        return r.statusCode(status).contentType(startsWith("application/problem+json")).body("code", equalTo(code))
                .body("status", equalTo(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"toolId\": \"helpdesk:listTickets\", \"dryRun\": \"true\"}",
            "{\"toolId\": \"helpdesk:listTickets\", \"approval\": 5}",
            "{\"toolId\": \"helpdesk:listTickets\", \"dryRun\": 1}",
            "{\"toolId\": \"helpdesk:listTickets\", \"rawResponse\": \"true\"}",
            "{\"toolId\": 5}",
            "{\"toolId\": \"helpdesk:getTicket\", \"pathArgs\": \"1\"}",
            "{\"toolId\": \"helpdesk:getTicket\", \"pathArgs\": [1]}",
            "{\"toolId\": \"helpdesk:listTickets\", \"flags\": []}",
            "{\"toolId\": \"helpdesk:listTickets\", \"dryrun\": true}",
            "{\"toolId\": \"helpdesk:listTickets\"} {\"toolId\": \"helpdesk:deleteTicket\"}",
            "{\"toolId\": \"helpdesk:listTickets\"} trailing",
            "{\"toolId\": \"helpdesk:listTickets\", \"dryRun\": false, \"dryRun\": true}",
            "[]", "\"helpdesk:listTickets\"", "null", "", "{", "{\"toolId\": \"x\", \"body\": 1e999999}"})
    void executeBodiesOfTheWrongShapeAreBadRequests(String body) {
        refused(post("/v1/tools/execute", body), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"workflowId\": \"triage\", \"execute\": 1}",
            "{\"workflowId\": \"triage\", \"execute\": \"true\"}",
            "{\"workflowId\": \"triage\", \"approval\": 5}",
            "{\"workflowId\": \"triage\", \"inputs\": []}",
            "{\"workflowId\": \"triage\", \"excute\": true}",
            "{\"workflowId\": \"triage\"}{\"workflowId\": \"triage\", \"execute\": true}"})
    void workflowBodiesOfTheWrongShapeAreBadRequestsAndRunNothing(String body) {
        refused(post("/v1/workflows/run", body), 400, "invalid_request");
    }

    @Test
    void wrongTypesNameThePathAndTheExpectedType() {
        refused(post("/v1/workflows/run", "{\"workflowId\": \"triage\", \"execute\": 1}"), 400, "invalid_request")
                .body("errors[0].path", equalTo("$.execute"))
                .body("detail", containsString("expected true or false"));
    }

    @Test
    void deepNestingAndHugeNumbersAreProblemsNotEmptyBodies() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        refused(post("/v1/tools/execute", "{\"toolId\": \"x\", \"body\": " + deep + "}"), 400, "invalid_request")
                .body("detail", containsString("nested too deeply"));
        refused(post("/v1/tools/execute", "{\"toolId\": \"x\", \"body\": " + "9".repeat(5000) + "}"), 400,
                "invalid_request").body("detail", containsString("number is too long"));
    }

    @Test
    void aBodyThatIsNotJsonIsNeverQuoted() {
        refused(post("/v1/tools/execute", CANARY + " {"), 400, "invalid_request")
                .body(not(containsString(CANARY)));
    }

    @Test
    void aNulOrControlCharacterInAConfigPathIsABadRequest() {
        refused(given().queryParam("config", "/tmp/a\u0000b").when().get("/v1/catalog/effective").then(), 400,
                "invalid_config_path");
        refused(post("/v1/tools/execute", "{\"toolId\": \"helpdesk:listTickets\", \"configPath\": \"/tmp/a\\u0000b\"}"),
                400, "invalid_config_path");
        refused(post("/v1/workflows/run", "{\"workflowId\": \"triage\", \"configPath\": \"/tmp/\\n.cli.json\"}"),
                400, "invalid_config_path");
    }

    @Test
    void aConfigPathAtAFileThatIsNotJsonNeverEchoesItsContents() throws IOException {
        Path notJson = Files.createTempFile("not-a-config", ".txt");
        Files.writeString(notJson, CANARY + "=secret-value\nPATH=/usr/bin\n");
        Path almostJson = Files.createTempFile("almost", ".json");
        Files.writeString(almostJson, "{\"cli\": " + CANARY + "}");
        try {
            for (Path p : new Path[] {notJson, almostJson}) {
                refused(given().queryParam("config", p.toString()).when().get("/v1/catalog/effective").then(), 400,
                        "invalid_config")
                        .body(not(containsString(CANARY)))
                        .body("detail", equalTo("1 problem"))
                        .body("errors[0].message", containsString("line 1, column"));
            }
        } finally {
            Files.deleteIfExists(notJson);
            Files.deleteIfExists(almostJson);
        }
    }

    @Test
    void theHttpLayersOwnLimitsAreProblemsToo() {
        refused(given().queryParam("x", "a".repeat(10_000)).when().get("/v1/runtime/info").then(), 414, "uri_too_long");
        refused(given().header("X-Padding", "a".repeat(20_000)).when().get("/v1/runtime/info").then(), 431,
                "headers_too_large");
        String tooLarge = raw("POST /v1/tools/execute HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\n\r\n{}");
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("\"request_too_large\"");
        String chunked = raw("POST /v1/tools/execute HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 411").contains("application/problem+json").contains("\"length_required\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/catalog\\x", "/v1/runtime/info?q=a\\b", "/v1/runtime/%zz", "/v1/runtime/info?x=<y>", "/v1/{catalog}"})
    void aRequestTargetThatIsNotAUriIsAProblemThatNeverQuotesIt(String target) {
        String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"bad_request\"")
                .contains("\"status\":400").contains("not a valid URI").doesNotContain(target);
    }

    /**
     * A header line the HTTP codec cannot parse never reaches a route (docs/security.md#input-limits):
     * Vert.x answers its own bare 400 and closes. Pinned so a change there is seen: no 5xx, nothing quoted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Bad Name: CANARY", "Bad\u0001Name: CANARY", "CANARY-without-a-colon"})
    void aHeaderLineTheCodecCannotParseIsRefusedBeforeAnyRoute(String line) {
        String answer = raw("GET /v1/runtime/info HTTP/1.1\r\nHost: localhost\r\n" + line + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-length: 0").doesNotContain("CANARY");
    }

    /** One request on a fresh connection, exactly as written (clients fix up Content-Length themselves). */
    private static String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        refused(given().when().get("/v1/nothing").then(), 404, "not_found");
        refused(given().when().delete("/v1/tools/execute").then(), 405, "method_not_allowed");
        refused(given().contentType("text/plain").body("x").when().post("/v1/tools/execute").then(), 415,
                "unsupported_media_type");
    }
}
