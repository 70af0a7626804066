package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.json.Json;

/** The catalog commands against a daemon stand-in (no engine involved). */
class HttpCatalogCommandsTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        cli = new CliRunner(Map.of(), dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--runtime";
        all[1] = runtime.url();
        all[2] = "--state-dir";
        all[3] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.run(all);
    }

    @Test
    void catalogListJsonIsTheWholeResponseUnchanged() throws Exception {
        CliResult r = ocli("catalog", "list", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(r.out())).isEqualTo(Json.MAPPER.readTree(FakeRuntime.CATALOG));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void catalogListTableShowsVisibleToolsWithCommandPaths() {
        CliResult r = ocli("catalog", "list", "--format", "table");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("ID +COMMAND +METHOD +PATH +SUMMARY");
        assertThat(r.out()).contains("helpdesk:getTicket", "hd tickets get-ticket", "/tickets/{ticketId}", "Get a ticket")
                .doesNotContain("purgeTickets");
        assertThat(ocli("catalog", "list", "--format", "table", "--all").out()).contains("helpdesk:purgeTickets");
    }

    @Test
    void catalogListYaml() throws Exception {
        CliResult r = ocli("--format", "yaml", "catalog", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(Json.YAML.readTree(r.out())).isEqualTo(Json.MAPPER.readTree(FakeRuntime.CATALOG));
    }

    @Test
    void sendsModeAndProfileButNoLocalConfigPathToARemoteRuntime() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{}");
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        CliResult r = new CliRunner(Map.of(), sub).run("--runtime", runtime.url(), "catalog", "list",
                "--mode", "curated", "--agent-profile", "ops", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(runtime.catalogQueries()).last().isEqualTo(Map.of("mode", "curated", "agentProfile", "ops"));
    }

    @Test
    void clientConfigSendsItsRequestConfigPathAndItsModeAndProfileChoices() throws Exception {
        Files.writeString(dir.resolve(".cli.json"), "{\"mode\":{\"default\":\"curated\"},\"agents\":{\"defaultProfile\":\"ops\"},"
                + "\"runtime\":{\"mode\":\"remote\",\"remote\":{\"url\":\"" + runtime.url()
                + "\",\"requestConfigPath\":\"/srv/runtime/team.cli.json\"}}}");
        CliResult r = new CliRunner(Map.of(), dir).run("catalog", "list", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(runtime.catalogQueries()).last()
                .isEqualTo(Map.of("config", "/srv/runtime/team.cli.json", "mode", "curated", "agentProfile", "ops"));
        assertThat(new CliRunner(Map.of(), dir).run("catalog", "list", "--mode", "discover", "--format", "json").exitCode()).isZero();
        assertThat(runtime.catalogQueries()).last()
                .as("the default profile applies in curated mode only, as the runtime's own rule")
                .isEqualTo(Map.of("config", "/srv/runtime/team.cli.json", "mode", "discover"));
    }

    @Test
    void unknownProfileIsNotFound() throws Exception {
        CliResult r = ocli("catalog", "list", "--agent-profile", "nope");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("error: Unknown agent profile: no agent profile 'nope'");
        CliResult json = ocli("catalog", "list", "--agent-profile", "nope", "--format", "json");
        assertThat(Json.MAPPER.readTree(json.err()).path("code").asText()).isEqualTo("unknown_profile");
    }

    @Test
    void invalidConfigFromRuntimeIsUsageWithLocatedItems() throws Exception {
        Path client = Files.writeString(dir.resolve("client.cli.json"),
                "{\"runtime\":{\"remote\":{\"requestConfigPath\":\"/p/bad.cli.json\"}}}");
        CliResult r = ocli("--config", client.toString(), "catalog", "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("error: Invalid configuration: 1 problem",
                "/p/bad.cli.json: $.mode.default: unknown mode 'x' (expected: discover or curated)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingConfigFileIsUsage() {
        CliResult r = ocli("--config", "nowhere.cli.json", "catalog", "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Config not found");
    }

    @Test
    void unreachableRuntimeExits8WithoutStackTrace() {
        CliResult r = cli.run("--runtime", "http://127.0.0.1:1", "catalog", "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).startsWith("error: Runtime unreachable").doesNotContain("Exception\n\tat", "\tat ");
    }

    @Test
    void toolSchemaShowsParamsFlagsAndBody() throws Exception {
        CliResult r = ocli("tool", "schema", "helpdesk:createTicket", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode schema = Json.MAPPER.readTree(r.out());
        assertThat(schema.path("toolId").asText()).isEqualTo("helpdesk:createTicket");
        assertThat(schema.path("flags").get(0).path("name").asText()).isEqualTo("notify");
        assertThat(schema.path("requestBody").path("contentTypes").get(0).path("schema").path("type").asText()).isEqualTo("object");
        CliResult table = ocli("tool", "schema", "helpdesk:getTicket", "--format", "table");
        assertThat(table.out()).contains("arg", "ticket-id", "path", "true", "{\"type\":\"string\"}");
    }

    @Test
    void unknownToolIsNotFound() {
        CliResult r = ocli("tool", "schema", "helpdesk:nope");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("error: Unknown tool: no tool 'helpdesk:nope' in view 'discover'");
        assertThat(ocli("explain", "nope:nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void explainLeadsWithGuidance() {
        CliResult r = ocli("explain", "helpdesk:getTicket", "--format", "table");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("helpdesk:getTicket  (ocli hd tickets get-ticket)", "When to use:",
                "- You know the ticket id", "Avoid when:", "$ ocli hd tickets get-ticket 42", "<ticket-id> (string) in path, required",
                "Safety: read-only, idempotent");
    }

    @Test
    void explainWithoutGuidanceDescribesTheTool() throws Exception {
        CliResult r = ocli("explain", "helpdesk:createTicket", "--format", "table");
        assertThat(r.out()).contains("POST /tickets", "--notify in header, required", "body: application/json (required)",
                "Auth: bearer (http bearer)", "    title (string)").doesNotContain("When to use");
        assertThat(ocli("explain", "helpdesk:listTickets", "--format", "table").out())
                .contains("--sort (string) in query, one of: newest, oldest", "--min-score (number or null) in query",
                        "--tag (array of string) in query");
        JsonNode json = Json.MAPPER.readTree(ocli("explain", "helpdesk:listTickets", "--format", "json").out());
        assertThat(json.path("command").asText()).isEqualTo("hd tickets list-tickets");
        assertThat(json.path("description").asText()).isEqualTo("Lists tickets, newest first.");
    }

    @Test
    void searchIsCaseInsensitiveOverIdCommandSummaryAndGroup() throws Exception {
        JsonNode hits = Json.MAPPER.readTree(ocli("search", "TICKET", "--format", "json").out());
        assertThat(hits.findValuesAsText("id")).contains("helpdesk:listTickets", "helpdesk:getTicket", "helpdesk:createTicket");
        assertThat(hits.findValuesAsText("id")).doesNotContain("helpdesk:listAgents");
        JsonNode agents = Json.MAPPER.readTree(ocli("search", "support", "--format", "json").out());
        assertThat(agents.findValuesAsText("id")).containsExactly("helpdesk:listAgents");
        CliResult table = ocli("search", "agents", "--format", "table");
        assertThat(table.out()).contains("hd agents list-agents");
        assertThat(ocli("search", "zzz", "--format", "json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void runtimeInfoInEveryFormat() throws Exception {
        assertThat(Json.MAPPER.readTree(ocli("runtime", "info", "--format", "json").out()))
                .isEqualTo(Json.MAPPER.readTree(FakeRuntime.INFO));
        assertThat(ocli("runtime", "info", "--format", "yaml").out()).contains("contractVersion: \"1.1\"");
        assertThat(ocli("runtime", "info", "--format", "pretty").out()).contains("\"instanceId\": \"fake\"");
        assertThat(ocli("runtime", "info", "--format", "table").out()).containsPattern("instanceId +fake");
    }

    @Test
    void badFormatIsUsage() {
        CliResult r = ocli("catalog", "list", "--format", "xml");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'xml' is not a format");
    }
}
