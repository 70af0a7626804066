package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;

/** {@code ocli <alias> <group> <command>} built from a daemon's catalog. */
class DynamicTreeTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        cli = new CliRunner(Map.of(RuntimeResolverEnv.URL, runtime.url()), dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void serviceHelpListsGroups() {
        CliResult r = cli.run("hd", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ocli hd", "Helpdesk API", "tickets", "3 commands", "agents", "1 command")
                .doesNotContain("admin");
    }

    @Test
    void commandHelpListsOwnParametersAndOnlyNamesTheGlobalOptions() {
        String help = cli.run("hd", "tickets", "list-tickets", "--help").out();
        assertThat(help).contains("Usage: ocli hd tickets list-tickets [OPTIONS]",
                "Global options (see 'ocli --help'): --config --mode --agent-profile --runtime");
        assertThat(help).doesNotContain("--config=FILE", "Agent profile whose view to use.");
    }

    @Test
    void groupHelpListsCommandsWithSummaries() {
        CliResult r = cli.run("hd", "tickets", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("list-tickets", "List tickets", "get-ticket", "Get a ticket", "create-ticket",
                "Open a ticket (100% free)");
    }

    @Test
    void commandHelpShowsArgsFlagsBodyAndSafety() {
        CliResult get = cli.run("hd", "tickets", "get-ticket", "--help");
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).contains("Usage: ocli hd tickets get-ticket", "<ticket-id>", "Get a ticket",
                "Tool: helpdesk:getTicket (GET /tickets/{ticketId})", "Safety: read-only, idempotent", "--format");
        CliResult create = cli.run("hd", "tickets", "create-ticket", "--help");
        assertThat(create.out()).contains("--notify=NOTIFY", "(required)", "--body=JSON|@FILE|-",
                "Request body: application/json (required)", "Body fields:", "  title (string)");
        assertThat(cli.run("hd", "tickets", "list-tickets", "--help").out()).contains("--status=STATUS", "--page-size", "--pageSize", "--tag=TAG", "(repeatable, or", "--dry-run", "--approval", "--output=FILE",
                "Lists tickets, newest first.", "[string] (one of: newest, oldest)");
    }

    @Test
    void invokingAToolExecutesIt() {
        CliResult r = cli.run("hd", "tickets", "get-ticket", "42");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.executions()).last().satisfies(req -> {
            assertThat(req.path("toolId").asText()).isEqualTo("helpdesk:getTicket");
            assertThat(req.path("pathArgs").get(0).asText()).isEqualTo("42");
        });
        assertThat(cli.run("hd", "tickets", "show", "42").exitCode()).isZero();
        assertThat(runtime.executions()).last().extracting(req -> req.path("toolId").asText()).isEqualTo("helpdesk:getTicket");
    }

    @Test
    void hiddenToolsResolveThoughUnlisted() {
        cli.run("hd", "admin", "purge-tickets");
        assertThat(runtime.executions()).last().extracting(req -> req.path("toolId").asText()).isEqualTo("helpdesk:purgeTickets");
    }

    @Test
    void unknownLevelsAreUsageErrorsWithSuggestions() {
        CliResult group = cli.run("hd", "tickts");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(group.err()).contains("unknown command 'tickts' for 'ocli hd'; did you mean 'tickets'?");
        CliResult command = cli.run("hd", "tickets", "get-tiket");
        assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.err()).contains("get-ticket");
        CliResult service = cli.run("hdd");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(service.err()).contains("did you mean 'hd'");
    }

    @Test
    void missingPathArgOrRequiredFlagIsUsage() {
        assertThat(cli.run("hd", "tickets", "get-ticket").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliResult r = cli.run("hd", "tickets", "create-ticket", "--body", "{}");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--notify");
        assertThat(cli.run("hd").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void globalOptionsWorkAfterTheToolCommand() {
        CliResult r = cli.run("hd", "tickets", "list-tickets", "--status", "open", "--agent-profile", "ops");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.catalogQueries()).last().extracting(q -> q.get("agentProfile")).isEqualTo("ops");
        assertThat(runtime.executions()).last().extracting(req -> req.path("agentProfile").asText()).isEqualTo("ops");
    }

    /** Environment keys the resolver reads. */
    static final class RuntimeResolverEnv {
        static final String URL = org.opencli.cli.runtime.RuntimeResolver.ENV_RUNTIME_URL;
    }
}
