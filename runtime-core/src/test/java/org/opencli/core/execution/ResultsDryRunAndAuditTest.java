package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result shapes by content type, dry runs (redacted, unsent), and one audit line per attempt. */
class ResultsDryRunAndAuditTest extends WithExecFixture {
    private ExecuteResult report(RecordingServer.Reply reply) {
        f.server.reply("/api/reports", reply);
        return f.run(f.call("exec:getReport"));
    }

    @Test
    void jsonBodiesAreParsed() {
        ExecuteResult r = report(RecordingServer.Reply.of(201, "application/problem+json; charset=utf-8",
                "{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo(ExecFixture.json("{\"a\":[1,2]}"));
        assertThat(r.text()).isNull();
    }

    @Test
    void invalidJsonFallsBackToText() {
        ExecuteResult r = report(RecordingServer.Reply.of(200, "application/json", "{oops".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.body()).isNull();
        assertThat(r.text()).isEqualTo("{oops");
    }

    @Test
    void textAndXmlAreText() {
        assertThat(report(RecordingServer.Reply.of(200, "text/plain", "héllo".getBytes(StandardCharsets.UTF_8))).text())
                .isEqualTo("héllo");
        assertThat(report(RecordingServer.Reply.of(200, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8))).text())
                .isEqualTo("<a/>");
    }

    @Test
    void binaryIsBase64WithItsContentType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        ExecuteResult r = report(RecordingServer.Reply.of(200, "image/png", png));
        assertThat(r.bodyBase64()).isEqualTo(Base64.getEncoder().encodeToString(png));
        assertThat(r.contentType()).isEqualTo("image/png");
        assertThat(r.body()).isNull();
        assertThat(r.text()).isNull();
    }

    @Test
    void rawResponseCarriesTheHeadersAndTheBodyBytesBesidesTheShapedBody() {
        byte[] sent = "{ \"a\" :  [1, 2] }\n".getBytes(StandardCharsets.UTF_8);
        f.server.reply("/api/reports", RecordingServer.Reply.of(200, "application/json", sent).withHeader("X-Request-Id", "r-7"));
        ExecuteResult r = f.run(f.call("exec:getReport").raw());
        assertThat(r.body()).isEqualTo(ExecFixture.json("{\"a\":[1,2]}"));
        assertThat(Base64.getDecoder().decode(r.rawBodyBase64())).isEqualTo(sent);
        assertThat(r.headers()).containsEntry("x-request-id", List.of("r-7"));

        ExecuteResult plain = f.run(f.call("exec:getReport"));
        assertThat(plain.headers()).isNull();
        assertThat(plain.rawBodyBase64()).isNull();
    }

    @Test
    void rawResponseDoesNotRepeatBinaryBytes() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        f.server.reply("/api/reports", RecordingServer.Reply.of(200, "image/png", png));
        ExecuteResult r = f.run(f.call("exec:getReport").raw());
        assertThat(r.bodyBase64()).isEqualTo(Base64.getEncoder().encodeToString(png));
        assertThat(r.rawBodyBase64()).isNull();
        assertThat(r.headers()).isNotEmpty();
    }

    @Test
    void dryRunRendersWithCredentialsRedactedAndSendsNothing() {
        f.config("\"secrets\": {\"queryKey\": {\"type\": \"env\", \"value\": \"QK\"}, \"headerKey\": {\"type\": \"env\", \"value\": \"HK\"}}");
        f.env.put("QK", "query-secret-1");
        f.env.put("HK", "header-secret-2");
        ExecuteResult r = f.run(f.call("exec:eitherAuth").dryRun());
        assertThat(r.statusCode()).isNull();
        assertThat(r.request().method()).isEqualTo("GET");
        assertThat(r.request().url()).isEqualTo(f.server.base() + "/api/secure/either?api_key=***");
        assertThat(r.request().headers()).containsEntry("X-Api-Key", "***");
        assertThat(r.request().toString()).doesNotContain("query-secret-1").doesNotContain("header-secret-2");
        assertThat(f.server.seen).isEmpty();
        assertThat(f.lastAudit().path("decision").asText()).isEqualTo("allow");
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("dry_run");
    }

    @Test
    void dryRunShowsTheBodyAndNeedsNoApprovalSinceNothingIsSent() {
        ExecuteResult r = f.run(f.call("exec:createItem").body(ExecFixture.json("{\"n\":1}")).dryRun());
        assertThat(r.request().body()).isEqualTo("{\"n\":1}");
        assertThat(r.request().headers()).containsEntry("Content-Type", "application/json");
        assertThat(f.run(f.call("exec:purge").dryRun()).request()).isNotNull();
        assertThat(f.failure(f.call("exec:purge")).code()).isEqualTo("approval_required");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void dryRunIsStillRefusedByDenyPolicy() {
        f.config("\"policy\": {\"deny\": [\"exec:createItem\"]}");
        assertThat(f.failure(f.call("exec:createItem").dryRun()).code()).isEqualTo("policy_deny");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void everyAttemptWritesExactlyOneAuditLineWithTheContractFields() {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"BT\"}}");
        f.env.put("BT", "tok-never-logged");
        f.run(f.call("exec:bearerOnly"));
        f.failure(f.call("exec:purge"));
        f.failure(f.call("exec:getItem"));
        f.run(f.call("exec:createItem").body(ExecFixture.json("{\"secretish\":\"body-never-logged\"}")));

        List<JsonNode> lines = f.auditLines();
        assertThat(lines).hasSize(4);
        assertThat(lines).extracting(l -> l.path("decision").asText()).containsExactly("allow", "deny", "error", "allow");
        assertThat(lines).extracting(l -> l.path("reasonCode").asText())
                .containsExactly("ok", "approval_required", "invalid_arguments", "ok");
        JsonNode first = lines.get(0);
        assertThat(first.path("eventType").asText()).isEqualTo("tool_execution");
        assertThat(first.path("toolId").asText()).isEqualTo("exec:bearerOnly");
        assertThat(first.path("serviceId").asText()).isEqualTo("exec");
        assertThat(first.path("targetBaseUrl").asText()).isEqualTo(f.server.base() + "/api");
        assertThat(first.path("method").asText()).isEqualTo("GET");
        assertThat(first.path("path").asText()).isEqualTo("/secure/bearer");
        assertThat(first.path("statusCode").asInt()).isEqualTo(200);
        assertThat(first.has("latencyMs")).isTrue();
        assertThat(first.has("timestamp")).isTrue();
        assertThat(lines.get(3).path("requestSize").asLong()).isGreaterThan(0);
        assertThat(f.auditText()).doesNotContain("tok-never-logged").doesNotContain("body-never-logged");
    }

    @Test
    void pathTemplateNotFilledPathIsAudited() {
        f.run(f.call("exec:getItem").args("customer-42"));
        assertThat(f.lastAudit().path("path").asText()).isEqualTo("/items/{itemId}");
        assertThat(f.auditText()).doesNotContain("customer-42");
    }
}
