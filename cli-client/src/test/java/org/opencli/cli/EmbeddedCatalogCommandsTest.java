package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/**
 * Commands that run the engine in-process (--demo, --embedded, config validate/show). They need
 * runtime-core's ConfigLoader, CatalogBuilder, ViewSelector and ConfigRedaction, so they fail until
 * that work is merged into this branch.
 */
class EmbeddedCatalogCommandsTest {
    @TempDir
    Path dir;

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--state-dir";
        all[1] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CliRunner(Map.of(), dir).run(all);
    }

    @Test
    void demoCatalogList() throws Exception {
        CliResult r = ocli("--demo", "catalog", "list", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode response = Json.MAPPER.readTree(r.out());
        assertThat(response.path("view").path("name").asText()).isEqualTo("discover");
        assertThat(response.path("view").path("tools").findValuesAsText("id"))
                .contains("shop:listItems", "shop:getItem", "shop:createOrder", "shop:getOrder", "shop:cancelOrder")
                .doesNotContain("shop:health");
        assertThat(response.path("catalog").path("services").get(0).path("alias").asText()).isEqualTo("shop");
        assertThat(response.path("catalog").path("workflows").get(0).path("workflowId").asText()).isEqualTo("browseAndOrder");
        assertThat(Files.exists(dir.resolve("state/demo/.cli.json"))).isTrue();
        assertThat(Files.readString(dir.resolve("state/demo/shop.openapi.yaml"))).contains("http://127.0.0.1:");

        CliResult table = ocli("--demo", "catalog", "list", "--format", "table");
        assertThat(table.out()).contains("shop items get-item", "shop orders cancel").doesNotContain("reindex");
    }

    @Test
    void demoProfileViewAndUnknownProfile() throws Exception {
        CliResult r = ocli("--demo", "--agent-profile", "shopper", "catalog", "list", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode view = Json.MAPPER.readTree(r.out()).path("view");
        assertThat(view.path("name").asText()).isEqualTo("shopper");
        assertThat(view.path("tools").findValuesAsText("id")).containsExactlyInAnyOrder("shop:listItems", "shop:getItem", "shop:getOrder");
        assertThat(ocli("--demo", "--agent-profile", "nope", "catalog", "list").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void demoToolsExecuteAgainstTheInProcessUpstream() throws Exception {
        CliResult item = ocli("--demo", "shop", "items", "get-item", "7", "--format", "json");
        assertThat(item.exitCode()).as(item.err()).isZero();
        assertThat(Json.MAPPER.readTree(item.out()).path("name").asText()).isEqualTo("Teapot");
        CliResult order = ocli("--demo", "shop", "orders", "create-order", "--body", "{\"itemId\":\"7\",\"quantity\":1}",
                "--format", "json");
        assertThat(order.exitCode()).as(order.err()).isZero();
        assertThat(order.out()).contains("\"status\": \"placed\"");
        CliResult missing = ocli("--demo", "shop", "items", "get-item", "999");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
    }

    @Test
    void demoApprovalAndDryRun() {
        CliResult refused = ocli("--demo", "shop", "orders", "cancel", "o-1");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(refused.err()).contains("approval");
        CliResult dry = ocli("--demo", "shop", "orders", "cancel", "o-1", "--dry-run", "--format", "json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("DELETE", "\"X-Api-Key\": \"***\"").doesNotContain("demo-key-0451");
        assertThat(ocli("--demo", "shop", "orders", "cancel", "o-1", "--approval").exitCode()).isZero();
    }

    @Test
    void demoServiceHelpAndTool() {
        CliResult help = ocli("--demo", "shop", "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Demo Shop API", "items", "orders").doesNotContain("admin");
        CliResult command = ocli("--demo", "shop", "items", "list-items", "--help");
        assertThat(command.out()).contains("--limit", "--q");
        // flags are checked before the engine is asked (execution itself is covered by the e2e lanes)
        CliResult run = ocli("--demo", "shop", "items", "list-items", "--limit", "many");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--limit", "'many'", "an integer");
    }

    @Test
    void demoExplainShowsSkillGuidance() {
        CliResult r = ocli("--demo", "explain", "shop:getItem", "--format", "table");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("When to use:", "You know an item's id", "ocli --demo shop items get-item 7");
    }

    @Test
    void embeddedRuntimeInfo() throws Exception {
        CliResult r = ocli("--demo", "runtime", "info", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("runtimeMode").asText()).isEqualTo("embedded");
    }

    @Test
    void configValidateValidAndInvalid() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
        Path good = Files.writeString(dir.resolve(".cli.json"),
                "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},\"sources\":{\"t\":{\"type\":\"openapi\",\"uri\":\"api.yaml\"}}}");
        CliResult ok = ocli("config", "validate");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("valid: ").contains(good.toString());

        Path bad = Files.writeString(dir.resolve("bad.cli.json"),
                "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"sometimes\"},\"sources\":{\"t\":{\"type\":\"openapi\",\"uri\":\"api.yaml\"}}}");
        CliResult invalid = ocli("config", "validate", "--config", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.err()).contains("bad.cli.json: $.mode.default: ");
        assertThat(invalid.out()).isEmpty();
    }

    @Test
    void configShowRedactsSecrets() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"t\":{\"type\":\"openapi\",\"uri\":\"api.yaml\"}},"
                + "\"secrets\":{\"t.bearer\":{\"type\":\"env\",\"value\":\"VERY_SECRET_VALUE\"}}}");
        CliResult r = ocli("config", "show", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("cli").asText()).isEqualTo("1.0.0");
    }
}
