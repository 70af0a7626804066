package org.opencli.cli.dynamic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencli.cli.OcliLauncher;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.json.Json;
import picocli.CommandLine;

/**
 * The dynamic tree holds only what the typed words need: every service by name, the typed
 * service's groups, the typed group's commands — or only the typed command (by name or alias).
 */
class DynamicTreeBuilderScopeTest {
    private static final String BILLING_SERVICE = "{\"id\":\"billing\",\"alias\":\"bill\",\"title\":\"Billing\"}";

    @Test
    void typedCommandIsTheOnlyOneBuiltInItsGroup() throws Exception {
        CommandLine root = build("hd", "tickets", "get-ticket");
        CommandLine hd = root.getSubcommands().get("hd");
        assertThat(hd.getSubcommands()).containsKeys("tickets", "agents", "files", "admin");
        assertThat(hd.getSubcommands().get("tickets").getSubcommands()).containsOnlyKeys("get-ticket", "show");
        assertThat(hd.getSubcommands().get("agents").getSubcommands()).isEmpty();
        assertThat(root.getSubcommands().get("bill").getSubcommands()).as("an untyped service is only named").isEmpty();
    }

    @Test
    void typedAliasSelectsItsCommand() throws Exception {
        CommandLine tickets = build("hd", "tickets", "show").getSubcommands().get("hd").getSubcommands().get("tickets");
        assertThat(tickets.getSubcommands()).containsOnlyKeys("get-ticket", "show");
    }

    @Test
    void typedGroupWithoutAKnownCommandGetsAllItsCommands() throws Exception {
        List<String> all = List.of("list-tickets", "get-ticket", "show", "create-ticket");
        assertThat(build("hd", "tickets").getSubcommands().get("hd").getSubcommands().get("tickets").getSubcommands())
                .containsOnlyKeys(all);
        assertThat(build("hd", "tickets", "get-tiket").getSubcommands().get("hd").getSubcommands().get("tickets").getSubcommands())
                .containsOnlyKeys(all);
    }

    @Test
    void typedServiceGetsItsGroupsButOnlyTheFirstGroupsCommandsForItsExample() throws Exception {
        CommandLine hd = build("hd").getSubcommands().get("hd");
        assertThat(hd.getSubcommands()).containsKeys("tickets", "agents", "files", "admin");
        assertThat(hd.getSubcommands().get("tickets").getSubcommands()).containsKey("list-tickets");
        hd.getSubcommands().entrySet().stream().filter(group -> !group.getKey().equals("tickets"))
                .forEach(group -> assertThat(group.getValue().getSubcommands()).as(group.getKey()).isEmpty());
        assertThat(hd.getCommandSpec().usageMessage().footer()).anyMatch(line -> line.contains("ocli hd tickets"));
    }

    @Test
    void noWordsBuildsTheWholeTree() throws Exception {
        CommandLine root = OcliLauncher.create(CommandLine.defaultFactory());
        new DynamicTreeBuilder(root, catalog()).build();
        assertThat(root.getSubcommands().get("hd").getSubcommands().get("agents").getSubcommands()).containsOnlyKeys("list-agents");
    }

    private static CommandLine build(String... words) throws Exception {
        CommandLine root = OcliLauncher.create(CommandLine.defaultFactory());
        new DynamicTreeBuilder(root, catalog()).build(List.of(words));
        return root;
    }

    /** The fake runtime's catalog plus a second service with one tool. */
    private static CatalogView catalog() throws Exception {
        var answer = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(FakeRuntime.CATALOG);
        ((com.fasterxml.jackson.databind.node.ArrayNode) answer.path("catalog").path("services"))
                .add(Json.MAPPER.readTree(BILLING_SERVICE));
        ((com.fasterxml.jackson.databind.node.ArrayNode) answer.path("view").path("tools")).add(Json.MAPPER.readTree(
                "{\"id\":\"billing:listInvoices\",\"serviceId\":\"billing\",\"group\":\"invoices\",\"command\":\"list-invoices\","
                        + "\"method\":\"GET\",\"path\":\"/invoices\"}"));
        return new CatalogView(answer);
    }
}
