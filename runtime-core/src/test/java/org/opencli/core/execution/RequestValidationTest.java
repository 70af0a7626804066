package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/** Calls are checked against the tool's schemas before anything is sent; refusals name JSON pointers. */
class RequestValidationTest {
    @TempDir
    java.nio.file.Path dir;
    ExecFixture f;

    /** The fixture engine over validated.openapi.yaml (its service id stays "exec"). */
    private ExecFixture fixture(String openapiVersion, String nullableNote) throws IOException {
        f = new ExecFixture(dir);
        try (InputStream in = getClass().getResourceAsStream("/execution/validated.openapi.yaml")) {
            String doc = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("BASE", f.server.base())
                    .replace("OAS_VERSION", openapiVersion).replace("NULLABLE_NOTE", nullableNote);
            Files.writeString(dir.resolve("exec.openapi.yaml"), doc);
        }
        return f;
    }

    private ExecFixture fixture() throws IOException {
        return fixture("3.0.3", "note: { type: string, nullable: true }");
    }

    @AfterEach
    void tearDown() {
        if (f != null) f.close();
    }

    @Test
    void aValidBodyIsSent() throws IOException {
        fixture();
        f.run(f.call("exec:createTicket").body(ExecFixture.json(
                "{\"title\":\"Printer\",\"priority\":\"high\",\"assignee\":{\"email\":\"a@b\"},\"tags\":[\"x\"]}")));
        assertThat(f.server.seen).hasSize(1);
    }

    @Test
    void anEnumOutsideItsValuesIsRefusedNamingThePointerAndNothingIsSent() throws IOException {
        fixture();
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json("{\"title\":\"t\",\"priority\":\"urgent\"}")));
        assertThat(e.code()).isEqualTo("invalid_request_body");
        assertThat(e.kind().httpStatus()).isEqualTo(400);
        assertThat(e.detail()).isEqualTo("/priority: must be one of [low, normal, high]");
        assertThat(e.items()).containsExactly(new ProblemItem(null, "/priority", "must be one of [low, normal, high]", null));
        assertThat(f.server.seen).isEmpty();
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("invalid_request_body");
        assertThat(f.lastAudit().path("decision").asText()).isEqualTo("error");
    }

    @Test
    void requiredTypeAndUnknownPropertiesAreEachNamed() throws IOException {
        fixture();
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json(
                "{\"estimate\":\"soon\",\"colour\":\"red\"}")));
        assertThat(e.items()).extracting(ProblemItem::path).containsExactlyInAnyOrder("/title", "/estimate", "/colour");
        assertThat(e.items()).extracting(ProblemItem::message).contains("is required", "must be an integer, not a string",
                "is not allowed (the schema declares no such property)");
        assertThat(e.detail()).contains("/title: is required");
    }

    @Test
    void nestedAndRecursiveSchemasGiveFullPointers() throws IOException {
        fixture();
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json(
                "{\"title\":\"t\",\"assignee\":{\"team\":3},\"parent\":{\"title\":\"p\",\"parent\":{\"title\":5}},\"tags\":[\"a\",7]}")));
        assertThat(e.items()).extracting(ProblemItem::path)
                .contains("/assignee/email", "/assignee/team", "/parent/parent/title", "/tags/1");
    }

    @Test
    void openApi30NullableAdmitsNullAndOnlyThere() throws IOException {
        fixture();
        f.run(f.call("exec:createTicket").body(ExecFixture.json("{\"title\":\"t\",\"note\":null}")));
        assertThat(f.server.seen).hasSize(1);
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json("{\"title\":null}")));
        assertThat(e.items()).containsExactly(new ProblemItem(null, "/title", "must be a string, not null", null));
    }

    @Test
    void openApi31TypeListsAdmitNull() throws IOException {
        fixture("3.1.0", "note: { type: [string, \"null\"] }");
        f.run(f.call("exec:createTicket").body(ExecFixture.json("{\"title\":\"t\",\"note\":null}")));
        assertThat(f.server.seen).hasSize(1);
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json("{\"title\":\"t\",\"note\":4}")));
        assertThat(e.items()).extracting(ProblemItem::path).containsExactly("/note");
    }

    @Test
    void aWrongRootTypeIsNamedAsTheBody() throws IOException {
        fixture();
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json("[1,2]")));
        assertThat(e.detail()).isEqualTo("body: must be an object, not an array");
    }

    @Test
    void base64BodiesAreCheckedAsTheJsonTheyCarryAndMalformedJsonIsRefusedWithoutQuotingIt() throws IOException {
        fixture();
        String bad = Base64.getEncoder().encodeToString("{\"title\":\"t\",\"priority\":\"someday\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(f.failure(f.call("exec:createTicket").body(TextNode.valueOf(bad))).detail()).startsWith("/priority:");
        String broken = Base64.getEncoder().encodeToString("{\"title\": secret-looking".getBytes(StandardCharsets.UTF_8));
        OcliException e = f.failure(f.call("exec:createTicket").body(TextNode.valueOf(broken)));
        assertThat(e.code()).isEqualTo("invalid_request_body");
        assertThat(e.detail()).contains("not well-formed JSON").doesNotContain("secret-looking");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void problemsAreCappedAndLongNamesCut() throws IOException {
        fixture();
        StringBuilder body = new StringBuilder("{\"title\":\"t\"");
        for (int i = 0; i < 30; i++) body.append(",\"extra").append(i).append("\":1");
        body.append(",\"").append("k".repeat(5000)).append("\":1}");
        OcliException e = f.failure(f.call("exec:createTicket").body(ExecFixture.json(body.toString())));
        assertThat(e.items()).hasSize(RequestValidation.MAX_PROBLEMS);
        assertThat(e.detail()).endsWith("(and 7 more)");
        assertThat(f.failure(f.call("exec:createTicket").body(ExecFixture.json("{\"title\":\"t\",\"" + "k".repeat(5000) + "\":1}")))
                .detail().length()).isLessThan(400);
    }

    @Test
    void nonJsonBodiesAreNotChecked() throws IOException {
        fixture();
        f.run(f.call("exec:createTicket").bodyType("text/plain")
                .body(TextNode.valueOf(Base64.getEncoder().encodeToString("longer than three".getBytes(StandardCharsets.UTF_8)))));
        assertThat(f.server.seen).hasSize(1);
    }

    @Test
    void flagsAndPathArgumentsAreCheckedAsTheyTravelAsText() throws IOException {
        fixture();
        f.run(f.call("exec:listTickets").flag("status", "open").flag("limit", "5").flag("order", "low"));
        f.run(f.call("exec:getTicket").args("42"));
        assertThat(f.server.seen).hasSize(2);

        OcliException e = f.failure(f.call("exec:listTickets").flag("status", "pending").flagJson("limit", "500")
                .flag("order", "top"));
        assertThat(e.code()).isEqualTo("invalid_parameter");
        assertThat(e.items()).extracting(ProblemItem::path).containsExactly("--status", "--limit", "--order");
        assertThat(e.detail()).startsWith("--status: must be one of [open, closed]");
        OcliException arg = f.failure(f.call("exec:getTicket").args("forty-two"));
        assertThat(arg.items()).extracting(ProblemItem::path).containsExactly("<ticket-id>");
        assertThat(f.server.seen).hasSize(2);
    }

    @Test
    void aDryRunReportsTheSameProblemsAndSendsNothing() throws IOException {
        fixture();
        OcliException e = f.failure(f.call("exec:createTicket").dryRun().body(ExecFixture.json("{\"title\":\"t\",\"priority\":\"x\"}")));
        assertThat(e.detail()).isEqualTo("/priority: must be one of [low, normal, high]");
        assertThat(f.server.seen).isEmpty();
    }
}
