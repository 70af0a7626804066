package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencli.service.auth.AuthProfile;
import org.opencli.service.auth.AuthWorldAccess;

/**
 * {@code /q/openapi} against docs/runtime-api.md's endpoint table, both ways, so neither can drift:
 * every operation the document describes has a row and every row (outside Quarkus' own {@code /q/})
 * is an operation. The document's security follows the auth boundary: operational scopes where the
 * boundary asks for them, none on the open endpoints. With runtime auth the document itself needs a
 * token, as every endpoint that is not open.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ApiDocumentTest {
    /** One {@code `METHOD /path…`} in a row's first cell (a cell may name several). */
    private static final Pattern ENDPOINT = Pattern.compile("`([A-Z|]+) (/[^`?\\s]*)[^`]*`");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void theDocumentNeedsATokenWithRuntimeAuth() {
        given().when().get("/q/openapi").then().statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void everyDocumentedOperationHasARowAndEveryRowAnOperation() throws IOException {
        JsonNode document = document();
        Set<String> described = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }));
        Set<String> documented = endpointTable(Path.of(System.getProperty("ocli.repo.root", "..")).resolve("docs/runtime-api.md"));

        assertThat(described).as("/q/openapi operations").contains("POST /v1/tools/execute", "GET /v1/audit/events", "POST /mcp");
        assertThat(documented).as("rows of docs/runtime-api.md's endpoint table").isNotEmpty();
        Set<String> withoutRow = new TreeSet<>(described);
        withoutRow.removeAll(documented);
        Set<String> notDescribed = new TreeSet<>(documented);
        notDescribed.removeAll(described);
        assertThat(withoutRow).as("operations in /q/openapi without a row in docs/runtime-api.md's endpoint table").isEmpty();
        assertThat(notDescribed).as("rows of docs/runtime-api.md's endpoint table that /q/openapi does not describe").isEmpty();
    }

    @Test
    void securityFollowsTheAuthBoundary() throws IOException {
        JsonNode paths = document().get("paths");
        assertThat(scopes(paths, "/v1/audit/events", "get")).containsExactly("audit:read");
        assertThat(scopes(paths, "/v1/runtime/stop", "post")).containsExactly("runtime:admin");
        assertThat(scopes(paths, "/v1/tools/execute", "post")).isEmpty();
        assertThat(paths.at("/~1v1~1tools~1execute/post/responses/401/$ref").asText()).isEqualTo("#/components/responses/Unauthenticated");
        assertThat(paths.at("/~1v1~1tools~1execute/post/responses/413/$ref").asText()).isEqualTo("#/components/responses/ContentTooLarge");
        // open: no credential needed ({}), a bearer one accepted
        JsonNode open = paths.at("/~1v1~1runtime~1info/get/security");
        assertThat(open.size()).isEqualTo(2);
        assertThat(open.get(0).isEmpty()).isTrue();
        assertThat(paths.at("/~1v1~1runtime~1info/get/responses/401").isMissingNode()).isTrue();
        JsonNode problem = document().at("/components/responses/Unauthenticated/content");
        assertThat(problem.has("application/problem+json")).isTrue();
    }

    @Test
    void refreshSaysItsBodyIsOptionalAndNamesItsProblems() throws IOException {
        JsonNode post = document().get("paths").get("/v1/refresh").get("post");
        assertThat(post.at("/requestBody/required").asBoolean(false)).isFalse();
        assertThat(post.at("/requestBody/content/application~1json/schema").isMissingNode()).isFalse();
        for (String method : List.of("get", "post")) {
            JsonNode responses = document().get("paths").get("/v1/refresh").get(method).get("responses");
            assertThat(responses.fieldNames()).toIterable().as(method).contains("200", "400", "403", "404", "503");
            assertThat(responses.at("/200/content").has("application/x-ndjson")).as(method).isTrue();
        }
    }

    private static List<String> scopes(JsonNode paths, String path, String method) {
        JsonNode security = paths.get(path).get(method).get("security");
        assertThat(security.size()).as("%s %s: one security requirement", method, path).isEqualTo(1);
        List<String> scopes = new java.util.ArrayList<>();
        security.get(0).get("bearer").forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }

    private static JsonNode document() throws IOException {
        String token = AuthWorldAccess.token("alice", "bundle:helpdesk");
        String json = given().header("Authorization", "Bearer " + token).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    /** {@code METHOD /path} of each row of the table under "## Endpoints"; paths under /q/ are Quarkus' own. */
    private static Set<String> endpointTable(Path doc) throws IOException {
        Set<String> rows = new TreeSet<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) inSection = line.equals("## Endpoints");
            if (!inSection) continue;
            if (!line.startsWith("| `")) continue;
            Matcher endpoint = ENDPOINT.matcher(line.substring(0, line.indexOf(" |", 2)));
            while (endpoint.find()) {
                if (endpoint.group(2).startsWith("/q/")) continue;
                for (String method : endpoint.group(1).split("\\|")) rows.add(method + " " + endpoint.group(2));
            }
        }
        return rows;
    }
}
