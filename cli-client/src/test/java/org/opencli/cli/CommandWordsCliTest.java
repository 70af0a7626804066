package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/**
 * The command words people type, with the engine in-process over two small descriptions: slugged
 * groups, the short alias of a command repeating its group, the catalog list / search filters, and
 * explain / tool schema by command words.
 */
class CommandWordsCliTest {
    private static final String GITHUB = """
            openapi: 3.0.3
            info: {title: GitHub mini, version: "1"}
            servers: [{url: "http://127.0.0.1:9/api"}]
            paths:
              /repos/{owner}/{repo}:
                parameters:
                  - {name: owner, in: path, required: true, schema: {type: string}}
                  - {name: repo, in: path, required: true, schema: {type: string}}
                get: {operationId: repos/get, tags: [repos], summary: Get a repository, responses: {"200": {description: ok}}}
                delete:
                  operationId: repos/delete
                  tags: [repos]
                  summary: Delete a repository
                  x-cli-safety: {requiresApproval: true}
                  responses: {"204": {description: gone}}
              /orgs/{org}/members/{username}:
                get:
                  operationId: getOrgMember
                  tags: [Org Members]
                  summary: Check a membership
                  parameters:
                    - {name: org, in: path, required: true, schema: {type: string}}
                    - {name: username, in: path, required: true, schema: {type: string}}
                  responses: {"204": {description: member}}
            """;
    private static final String HELPDESK = """
            openapi: 3.0.3
            info: {title: Helpdesk, version: "1"}
            servers: [{url: "http://127.0.0.1:9"}]
            paths:
              /tickets:
                get: {operationId: listTickets, tags: [tickets], summary: List tickets, responses: {"200": {description: ok}}}
                post:
                  operationId: createTicket
                  tags: [tickets]
                  summary: Open a ticket
                  requestBody:
                    required: true
                    content: {application/json: {schema: {type: object, properties: {title: {type: string}}}}}
                  responses: {"201": {description: created}}
              /tickets/{ticketId}:
                delete:
                  operationId: deleteTicket
                  tags: [tickets]
                  summary: Delete a ticket
                  parameters: [{name: ticketId, in: path, required: true, schema: {type: string}}]
                  responses: {"204": {description: gone}}
              /users:
                get: {operationId: listUsers, tags: [users], summary: List users, responses: {"200": {description: ok}}}
            """;

    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(dir.resolve("github.yaml"), GITHUB);
        Files.writeString(dir.resolve("helpdesk.yaml"), HELPDESK);
        Files.writeString(dir.resolve(".cli.json"), """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"gh": {"type": "openapi", "uri": "github.yaml"}, "hd": {"type": "openapi", "uri": "helpdesk.yaml"}},
                 "services": {"github": {"source": "gh"}, "helpdesk": {"source": "hd", "alias": "hd"}}}""");
        cli = new CliRunner(Map.of(), dir);
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--embedded";
        all[1] = "--state-dir";
        all[2] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.run(all);
    }

    private static List<String> ids(JsonNode tools) {
        return tools.findValuesAsText("id").stream().sorted().toList();
    }

    @Test
    void aTagWithASpaceIsOneGroupWord() throws Exception {
        CliResult help = ocli("github", "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("org-members", "repos").doesNotContain("Org Members");
        CliResult dry = ocli("github", "org-members", "get-org-member", "acme", "alice", "--dry-run", "--format", "json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(Json.MAPPER.readTree(dry.out()).toString()).contains("/api/orgs/acme/members/alice");
    }

    @Test
    void aCommandRepeatingItsGroupAnswersToTheShortAliasWithTheSameToolId() throws Exception {
        CliResult list = ocli("catalog", "list", "--format", "json");
        JsonNode get = null;
        for (JsonNode t : Json.MAPPER.readTree(list.out()).path("view").path("tools")) {
            if (t.path("id").asText().equals("github:repos/get")) get = t;
        }
        assertThat(get).isNotNull();
        assertThat(get.path("command").asText()).isEqualTo("repos-get");
        assertThat(get.path("aliases").toString()).isEqualTo("[\"get\"]");

        CliResult shortForm = ocli("github", "repos", "get", "octo", "hello", "--dry-run", "--format", "json");
        CliResult longForm = ocli("github", "repos", "repos-get", "octo", "hello", "--dry-run", "--format", "json");
        assertThat(shortForm.exitCode()).as(shortForm.err()).isZero();
        assertThat(shortForm.out()).contains("/api/repos/octo/hello").isEqualTo(longForm.out());
        assertThat(ocli("github", "repos", "--help").out()).contains("repos-get, get", "repos-delete, delete");
    }

    @Test
    void catalogListFiltersByServiceGroupAndSafety() throws Exception {
        CliResult byService = ocli("catalog", "list", "--service", "hd", "--format", "json");
        assertThat(byService.exitCode()).as(byService.err()).isZero();
        JsonNode answer = Json.MAPPER.readTree(byService.out());
        assertThat(ids(answer.path("view").path("tools")))
                .containsExactly("helpdesk:createTicket", "helpdesk:deleteTicket", "helpdesk:listTickets", "helpdesk:listUsers");
        assertThat(answer.path("catalog").path("tools").size()).as("the catalog itself stays whole").isEqualTo(7);

        CliResult byId = ocli("catalog", "list", "--service=helpdesk", "--group=users", "--format=json");
        assertThat(ids(Json.MAPPER.readTree(byId.out()).path("view").path("tools"))).containsExactly("helpdesk:listUsers");

        CliResult destructive = ocli("catalog", "list", "--safety", "destructive", "--format", "table");
        assertThat(destructive.exitCode()).as(destructive.err()).isZero();
        assertThat(destructive.out()).contains("helpdesk:deleteTicket", "github:repos/delete", "hd tickets delete-ticket")
                .doesNotContain("listTickets", "repos/get");
        CliResult approval = ocli("catalog", "list", "--safety=requires-approval", "--format", "json");
        assertThat(ids(Json.MAPPER.readTree(approval.out()).path("view").path("tools"))).containsExactly("github:repos/delete");
        CliResult readOnly = ocli("catalog", "list", "--service", "github", "--safety", "read-only", "--format", "json");
        assertThat(ids(Json.MAPPER.readTree(readOnly.out()).path("view").path("tools")))
                .containsExactly("github:getOrgMember", "github:repos/get");
    }

    @Test
    void unknownFilterValuesNameTheChoices() {
        CliResult safety = ocli("catalog", "list", "--safety", "risky");
        assertThat(safety.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(safety.err()).contains("'risky'", "read-only, destructive, requires-approval");
        CliResult service = ocli("catalog", "list", "--service", "jira");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(service.err()).contains("no service 'jira'", "github, hd");
        CliResult group = ocli("catalog", "list", "--service", "hd", "--group", "agents");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(group.err()).contains("no group 'agents' in hd; groups: tickets, users");
    }

    @Test
    void searchNarrowsToOneService() throws Exception {
        CliResult all = ocli("search", "delete", "--format", "json");
        assertThat(ids(Json.MAPPER.readTree(all.out()))).containsExactly("github:repos/delete", "helpdesk:deleteTicket");
        CliResult one = ocli("search", "--service", "github", "delete", "--format", "json");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(ids(Json.MAPPER.readTree(one.out()))).containsExactly("github:repos/delete");
        assertThat(ocli("search", "--service=nope", "delete").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void explainAndToolSchemaTakeAToolIdOrTheCommandWords() throws Exception {
        CliResult byWords = ocli("explain", "hd", "tickets", "list-tickets", "--format", "json");
        assertThat(byWords.exitCode()).as(byWords.err()).isZero();
        assertThat(Json.MAPPER.readTree(byWords.out()).path("id").asText()).isEqualTo("helpdesk:listTickets");
        CliResult byServiceId = ocli("explain", "helpdesk", "tickets", "list-tickets", "--format", "json");
        assertThat(byServiceId.out()).isEqualTo(byWords.out());
        assertThat(ocli("explain", "helpdesk:listTickets", "--format", "json").out()).isEqualTo(byWords.out());

        CliResult byAlias = ocli("explain", "github", "repos", "get", "--format", "table");
        assertThat(byAlias.exitCode()).as(byAlias.err()).isZero();
        assertThat(byAlias.out()).contains("github:repos/get", "(ocli github repos repos-get)");

        CliResult schema = ocli("tool", "schema", "hd", "tickets", "create-ticket", "--format", "json");
        assertThat(schema.exitCode()).as(schema.err()).isZero();
        JsonNode body = Json.MAPPER.readTree(schema.out());
        assertThat(body.path("toolId").asText()).isEqualTo("helpdesk:createTicket");
        assertThat(body.path("requestBody").path("required").asBoolean()).isTrue();
    }

    @Test
    void anUnknownWordIsNamedWithTheChoicesAtItsLevel() {
        CliResult service = ocli("explain", "jira", "tickets", "list-tickets");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(service.err()).contains("no service 'jira'", "services: github, hd");
        CliResult group = ocli("explain", "hd", "ticket", "list-tickets");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(group.err()).contains("no group 'ticket' in hd; groups: tickets, users");
        CliResult command = ocli("tool", "schema", "hd", "tickets", "list");
        assertThat(command.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(command.err()).contains("no command 'list' in hd tickets; commands: create-ticket, delete-ticket, list-tickets");
        CliResult id = ocli("explain", "helpdesk:nope");
        assertThat(id.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(id.err()).contains("helpdesk:nope");
        CliResult word = ocli("explain", "tickets");
        assertThat(word.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(word.err()).contains("no tool id or service 'tickets'", "services: github, hd");
    }

    @Test
    void tooFewWordsSayWhatIsMissing() {
        CliResult service = ocli("explain", "hd");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(service.err()).contains("'hd' is a service", "groups: tickets, users");
        CliResult group = ocli("explain", "hd", "users");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(group.err()).contains("commands: list-users");
        assertThat(ocli("explain", "hd", "tickets", "list-tickets", "extra").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
