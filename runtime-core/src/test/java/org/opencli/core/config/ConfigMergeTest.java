package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.ProblemItem;

/** The scope merge rules of CONTRACT.md §2, one test per rule. */
class ConfigMergeTest {
    @TempDir
    Path root;
    Path managed;
    Path user;
    Path project;
    Path local;

    @BeforeEach
    void scopes() {
        ConfigScopes scopes = ConfigFixtures.scopesIn(root);
        managed = scopes.managed();
        user = scopes.user();
        project = root.resolve("proj/.cli.json");
        local = root.resolve("proj/.cli.local.json");
    }

    private LoadedConfig load() {
        return ConfigFixtures.loaderIn(root).load(project);
    }

    private ConfigException loadFails() {
        ConfigException error = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(error).as("expected the load to fail").isNotNull();
        return error;
    }

    @Test
    void filesMergeInScopeOrderAndScalarsLastNonEmptyWins() {
        ConfigFixtures.write(managed, "{\"cli\": \"managed\"}");
        ConfigFixtures.write(user, "{\"cli\": \"user\", \"mode\": {\"default\": \"curated\"}}");
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("\"services\": {\"o\": {\"source\": \"orders\", \"alias\": \"ord\"}}"));
        ConfigFixtures.write(local, "{\"cli\": \"\", \"services\": {\"o\": {\"alias\": \"\"}}}");

        LoadedConfig loaded = load();

        assertThat(loaded.files()).containsExactly(managed, user, project, local);
        assertThat(loaded.config().cli()).as("empty string does not override").isEqualTo("1.0.0");
        assertThat(loaded.config().mode().defaultMode()).isEqualTo("discover");
        assertThat(loaded.config().services().get("o").alias()).isEqualTo("ord");
    }

    @Test
    void sourcesMergePerKeyAndPerField() {
        ConfigFixtures.write(user, """
                {"sources": {"orders": {"type": "openapi", "uri": "user.yaml", "enabled": false},
                             "users": {"type": "openapi", "uri": "users.yaml"}}}
                """);
        ConfigFixtures.write(project, ConfigFixtures.minimalWith(""));

        CliConfig config = load().config();

        assertThat(config.sources()).containsOnlyKeys("orders", "users");
        SourceConfig orders = config.sources().get("orders");
        assertThat(orders.uri()).isEqualTo("orders.yaml");
        assertThat(orders.enabled()).as("field kept from the user scope").isFalse();
    }

    @Test
    void servicesAndProfilesMergePerField() {
        ConfigFixtures.write(user, """
                {"services": {"o": {"source": "orders", "alias": "ord"}},
                 "curation": {"toolSets": {"t": {"allow": ["*"]}}},
                 "agents": {"profiles": {"p": {"mode": "curated", "toolSet": "t"}}}}
                """);
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("""
                "services": {"o": {"skills": ["s.json"]}}, "agents": {"profiles": {"p": {"mode": "discover"}}}
                """));

        CliConfig config = load().config();

        assertThat(config.services().get("o")).isEqualTo(new ServiceConfig("orders", "ord",
                List.of(), List.of("s.json"), List.of(), null, null));
        assertThat(config.agents().profiles().get("p")).isEqualTo(new AgentProfileConfig("discover", "t"));
    }

    @Test
    void refreshIsReplacedWhole() {
        ConfigFixtures.write(user, """
                {"sources": {"orders": {"refresh": {"maxAgeSeconds": 60, "manualOnly": true}}}}
                """);
        ConfigFixtures.write(project, """
                {"cli": "1", "mode": {"default": "discover"},
                 "sources": {"orders": {"type": "openapi", "uri": "o.yaml", "refresh": {"maxAgeSeconds": 5}}}}
                """);

        assertThat(load().config().sources().get("orders").refresh()).isEqualTo(new RefreshConfig(5, null));
    }

    @Test
    void transportIsReplacedWhole() {
        ConfigFixtures.write(user, """
                {"sources": {"m": {"type": "mcp", "transport": {"type": "stdio", "command": "m-mcp"}}}}
                """);
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("""
                "sources": {"m": {"transport": {"type": "sse", "url": "https://m.example/sse"}}}
                """).replace("\"sources\": {\"orders\": {\"type\": \"openapi\", \"uri\": \"orders.yaml\"}}, ", ""));

        McpTransportConfig transport = load().config().sources().get("m").transport();

        assertThat(transport.type()).isEqualTo("sse");
        assertThat(transport.command()).as("no stdio leftovers").isNull();
    }

    @Test
    void overlaysSkillsAndWorkflowsAreReplacedWhole() {
        ConfigFixtures.write(user, """
                {"services": {"o": {"source": "orders", "overlays": ["a.yaml", "b.yaml"], "skills": ["s1"], "workflows": ["w1"]}}}
                """);
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("""
                "services": {"o": {"overlays": ["c.yaml"], "skills": [], "workflows": ["w2", "w1"]}}
                """));

        ServiceConfig service = load().config().services().get("o");

        assertThat(service.overlays()).containsExactly("c.yaml");
        assertThat(service.skills()).isEmpty();
        assertThat(service.workflows()).containsExactly("w2", "w1");
    }

    @Test
    void toolSetListsAndPolicyListsAppendWithoutDuplicates() {
        ConfigFixtures.write(user, """
                {"curation": {"toolSets": {"t": {"allow": ["a:*", "b:*"], "deny": ["x"]}}},
                 "policy": {"deny": ["d1"], "approvalRequired": ["r1", "r2"]}}
                """);
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("""
                "curation": {"toolSets": {"t": {"allow": ["b:*", "c:*"]}}},
                "policy": {"deny": ["d2", "d1"], "approvalRequired": ["r2"]}
                """));
        ConfigFixtures.write(local, "{\"policy\": {\"deny\": [\"d3\"]}}");

        CliConfig config = load().config();

        assertThat(config.curation().toolSets().get("t").allow()).containsExactly("a:*", "b:*", "c:*");
        assertThat(config.curation().toolSets().get("t").deny()).containsExactly("x");
        assertThat(config.policy().deny()).containsExactly("d1", "d2", "d3");
        assertThat(config.policy().approvalRequired()).containsExactly("r1", "r2");
    }

    @Test
    void allowExecSecretsLastExplicitBooleanWins() {
        ConfigFixtures.write(user, "{\"policy\": {\"allowExecSecrets\": true}}");
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("\"policy\": {\"deny\": []}"));
        assertThat(load().config().policy().allowExecSecrets()).as("absent later: earlier true stays").isTrue();

        ConfigFixtures.write(local, "{\"policy\": {\"allowExecSecrets\": false}}");
        assertThat(load().config().policy().allowExecSecrets()).as("explicit false wins").isFalse();
    }

    @Test
    void secretsAreReplacedPerKey() {
        ConfigFixtures.write(user, """
                {"secrets": {"k": {"type": "exec", "command": ["vault", "read"]}, "other": {"type": "env", "value": "O"}}}
                """);
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("\"secrets\": {\"k\": {\"type\": \"env\", \"value\": \"K\"}}"));

        CliConfig config = load().config();

        assertThat(config.secrets().get("k").command()).as("no field merge inside a secret").isNull();
        assertThat(config.secrets().get("k").value()).isEqualTo("K");
        assertThat(config.secrets().get("other").value()).isEqualTo("O");
    }

    @Test
    void managedDenyIsKeptApartAndCannotBeRemoved() {
        ConfigFixtures.write(managed, "{\"policy\": {\"deny\": [\"admin:*\", \"billing:refund\"]}}");
        ConfigFixtures.write(project, ConfigFixtures.minimalWith("\"policy\": {\"deny\": [\"orders:delete\"]}"));
        ConfigFixtures.write(local, "{\"policy\": {\"deny\": []}}");

        LoadedConfig loaded = load();

        assertThat(loaded.managedDeny()).containsExactly("admin:*", "billing:refund");
        assertThat(loaded.config().policy().deny()).containsExactly("orders:delete");
    }

    @Test
    void eachFileIsLenientButTheMergedResultIsStrict() {
        ConfigFixtures.write(user, "{\"cli\": \"1.0.0\"}");
        ConfigFixtures.write(project, "{\"mode\": {\"default\": \"discover\"}, \"sources\": {\"o\": {\"type\": \"openapi\", \"uri\": \"o.yaml\"}}}");
        assertThat(load().config().cli()).as("cli only in the user scope is fine").isEqualTo("1.0.0");

        ConfigFixtures.write(user, "{}");
        ConfigException error = loadFails();
        assertThat(error.items()).singleElement().satisfies(item -> {
            assertThat(item.path()).isEqualTo("$.cli");
            assertThat(item.file()).as("top-level gaps are blamed on the project file").isEqualTo(project.toString());
        });
    }

    @Test
    void sourcesMayComeOnlyFromMcpServers() {
        ConfigFixtures.write(project, "{\"cli\": \"1\", \"mode\": {\"default\": \"discover\"}, \"mcpServers\": {\"fs\": {\"command\": \"fs\"}}}");
        assertThat(load().config().sources()).containsOnlyKeys("fs");
    }

    @Test
    void mcpServersMergePerFieldAcrossScopes() {
        ConfigFixtures.write(user, "{\"mcpServers\": {\"fs\": {\"command\": \"fs\", \"args\": [\"/a\"]}}}");
        ConfigFixtures.write(project, "{\"cli\": \"1\", \"mode\": {\"default\": \"discover\"}, \"mcpServers\": {\"fs\": {\"args\": [\"/b\"]}}}");

        McpTransportConfig transport = load().config().sources().get("fs").transport();

        assertThat(transport.command()).isEqualTo("fs");
        assertThat(transport.args()).containsExactly("/b");
    }

    @Test
    void mergedProblemsNameTheFileThatContributedTheKey() {
        ConfigFixtures.write(user, "{\"services\": {\"s\": {\"source\": \"missing\"}}}");
        ConfigFixtures.write(project, ConfigFixtures.minimalWith(""));
        ConfigFixtures.write(local, "{\"sources\": {\"orders\": {\"type\": \"mcp\"}}}");

        ConfigException error = loadFails();

        assertThat(error.items()).extracting(ProblemItem::path, ProblemItem::file).containsExactlyInAnyOrder(
                tuple("$.services.s.source", user.toString()),
                tuple("$.sources.orders.uri", project.toString()),
                tuple("$.sources.orders.transport", local.toString()));
    }

    @Test
    void perFileProblemsOfAllScopesAreReportedTogether() {
        ConfigFixtures.write(user, "{\"unknown\": 1}");
        ConfigFixtures.write(project, ConfigFixtures.minimalWith(""));
        ConfigFixtures.write(local, "{\"sources\": {\"orders\": {\"enabled\": \"no\"}}}");

        ConfigException error = loadFails();

        assertThat(error.items()).extracting(ProblemItem::path, ProblemItem::file).containsExactly(
                tuple("$.unknown", user.toString()),
                tuple("$.sources.orders.enabled", local.toString()));
    }
}
