package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.ProblemItem;

/** Loading valid configs: binding, defaults, baseDir, files, fingerprint, discovery. */
class ConfigLoaderTest {
    @TempDir
    Path root;

    @Test
    void minimalConfigLoadsWithEmptySectionsInsteadOfNulls() {
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("proj/.cli.json"));

        LoadedConfig loaded = ConfigFixtures.loaderIn(root).load(project);

        CliConfig config = loaded.config();
        assertThat(config.cli()).isEqualTo("1.0.0");
        assertThat(config.mode().defaultMode()).isEqualTo("discover");
        assertThat(config.sources()).containsOnlyKeys("petstore");
        assertThat(config.sources().get("petstore").uri()).as("uri kept as written").isEqualTo("./specs/petstore.yaml");
        assertThat(config.sources().get("petstore").isEnabled()).isTrue();
        assertThat(config.runtime()).isNotNull();
        assertThat(config.services()).isEmpty();
        assertThat(config.mcpServers()).isEmpty();
        assertThat(config.secrets()).isEmpty();
        assertThat(config.curation().toolSets()).isEmpty();
        assertThat(config.agents().profiles()).isEmpty();
        assertThat(config.policy().deny()).isEmpty();
        assertThat(config.policy().approvalRequired()).isEmpty();
        assertThat(config.policy().allowExecSecrets()).isFalse();
        assertThat(loaded.files()).containsExactly(project);
        assertThat(loaded.baseDir()).isEqualTo(project.getParent());
        assertThat(loaded.managedDeny()).isEmpty();
        assertThat(loaded.fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void fullConfigBindsEveryField() {
        Path project = ConfigFixtures.copy("valid/full.cli.json", root.resolve("proj/.cli.json"));

        CliConfig config = ConfigFixtures.loaderIn(root).load(project).config();

        assertThat(config.mode().defaultMode()).isEqualTo("curated");
        RuntimeConfig runtime = config.runtime();
        assertThat(runtime.mode()).isEqualTo("remote");
        assertThat(runtime.local()).isEqualTo(new RuntimeLocalConfig("shared-group", 15, 4, "manual", "group", "team-a"));
        assertThat(runtime.remote().url()).isEqualTo("https://runtime.internal.example/");
        assertThat(runtime.remote().oauth().mode()).isEqualTo("oauthClient");
        assertThat(runtime.remote().oauth().client().clientSecret().value()).isEqualTo("/run/secrets/ocli-client");
        assertThat(runtime.remote().oauth().browserLogin().callbackPort()).isEqualTo(8123);
        assertThat(runtime.remote().oauth().scopes()).containsExactly("bundle:orders", "profile:support");
        assertThat(runtime.server().auth().validationProfile()).isEqualTo("oidc_jwks");
        assertThat(runtime.server().auth().browserClientId()).isEqualTo("ocli-browser");
        assertThat(config.sources()).containsOnlyKeys("ordersApi", "billingRoot", "catalog", "notes", "search", "events", "files");
        assertThat(config.sources().get("ordersApi").refresh()).isEqualTo(new RefreshConfig(0, true));
        assertThat(config.sources().get("catalog").isEnabled()).isFalse();
        assertThat(config.sources().get("notes").transport().env()).containsEntry("NOTES_DIR", "/srv/notes");
        assertThat(config.sources().get("search").oauth().clientSecret().command()).containsExactly("vault", "read", "search");
        assertThat(config.sources().get("search").transport().headerSecrets()).containsEntry("X-Api-Key", "search.key");
        assertThat(config.services().get("orders").workflows()).containsExactly("workflows/orders.arazzo.yaml");
        assertThat(config.services()).containsKeys("orders", "billing", "files");
        assertThat(config.curation().toolSets().get("support").deny()).containsExactly("orders:delete*");
        assertThat(config.agents().defaultProfile()).isEqualTo("support");
        assertThat(config.policy().allowExecSecrets()).isTrue();
        SecretConfig oauth2 = config.secrets().get("orders.oauth");
        assertThat(oauth2.mode()).isEqualTo("authorizationCode");
        assertThat(oauth2.clientId().type()).isEqualTo("literal");
        assertThat(oauth2.tokenStorage()).isEqualTo("instance");
        assertThat(oauth2.callbackPort()).isEqualTo(8900);
    }

    @Test
    void mcpServersBecomeSourcesAndServices() {
        Path project = ConfigFixtures.write(root.resolve("proj/.cli.json"), """
                {"cli": "1", "mode": {"default": "discover"},
                 "mcpServers": {
                   "fs": {"command": "fs-mcp", "args": ["/data"], "env": {"LOG": "debug"}, "disabledTools": ["rm"]},
                   "docs": {"type": "http", "url": "https://docs.example/mcp", "headers": {"X-A": "1"},
                            "headerSecrets": {"X-Key": "docs.key"}, "enabled": false},
                   "feed": {"type": "sse", "url": "https://feed.example/sse"}
                 },
                 "services": {"docs": {"source": "docs", "alias": "documentation"}}}
                """);

        CliConfig config = ConfigFixtures.loaderIn(root).load(project).config();

        assertThat(config.mcpServers()).as("normalized away").isEmpty();
        SourceConfig fs = config.sources().get("fs");
        assertThat(fs.type()).isEqualTo("mcp");
        assertThat(fs.transport()).isEqualTo(new McpTransportConfig("stdio", "fs-mcp", List.of("/data"),
                Map.of("LOG", "debug"), null, null, null));
        assertThat(fs.disabledTools()).containsExactly("rm");
        assertThat(fs.isEnabled()).isTrue();
        SourceConfig docs = config.sources().get("docs");
        assertThat(docs.transport().type()).as("http means streamable-http").isEqualTo("streamable-http");
        assertThat(docs.transport().headerSecrets()).containsEntry("X-Key", "docs.key");
        assertThat(docs.isEnabled()).isFalse();
        assertThat(config.sources().get("feed").transport().type()).isEqualTo("sse");
        assertThat(config.services().get("fs").source()).isEqualTo("fs");
        assertThat(config.services().get("feed").source()).isEqualTo("feed");
        assertThat(config.services().get("docs").alias()).as("existing service kept").isEqualTo("documentation");
    }

    @Test
    void legacyServerAuthModeBecomesIntrospectionProfile() {
        Path project = ConfigFixtures.write(root.resolve("proj/.cli.json"), ConfigFixtures.minimalWith("""
                "runtime": {"server": {"auth": {"mode": "oauth2Introspection", "audience": "ocli",
                  "introspectionURL": "https://idp.example/introspect",
                  "clientId": {"type": "env", "value": "IDP_ID"}, "clientSecret": {"type": "env", "value": "IDP_SECRET"}}}}
                """));

        ServerAuthConfig auth = ConfigFixtures.loaderIn(root).load(project).config().runtime().server().auth();

        assertThat(auth.validationProfile()).isEqualTo("oauth2_introspection");
        assertThat(auth.mode()).isNull();
        assertThat(auth.introspectionURL()).isEqualTo("https://idp.example/introspect");
    }

    @Test
    void legacyModeStillNeedsIntrospectionFields() {
        Path project = ConfigFixtures.write(root.resolve("proj/.cli.json"), ConfigFixtures.minimalWith(
                "\"runtime\": {\"server\": {\"auth\": {\"mode\": \"oauth2Introspection\", \"audience\": \"ocli\"}}}"));

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).extracting(ProblemItem::path)
                .containsExactly("$.runtime.server.auth.introspectionURL", "$.runtime.server.auth.clientId",
                        "$.runtime.server.auth.clientSecret");
    }

    @Test
    void baseDirIsTheProjectDirectoryAndRelativeProjectPathsAreMadeAbsolute() {
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("proj/.cli.json"));
        ConfigFixtures.write(root.resolve("proj/.cli.local.json"), "{\"cli\": \"2\"}");
        Path relative = Path.of("").toAbsolutePath().relativize(project);

        LoadedConfig loaded = ConfigFixtures.loaderIn(root).load(relative);

        assertThat(loaded.baseDir()).isEqualTo(project.getParent()).isAbsolute();
        assertThat(loaded.files()).containsExactly(project, project.resolveSibling(".cli.local.json"));
        assertThat(loaded.config().cli()).isEqualTo("2");
    }

    @Test
    void fingerprintFollowsFileContent() throws Exception {
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("proj/.cli.json"));
        ConfigLoader loader = ConfigFixtures.loaderIn(root);

        String first = loader.load(project).fingerprint();
        String again = loader.load(project).fingerprint();
        Files.writeString(project, Files.readString(project).replace("1.0.0", "1.0.1"));
        String changed = loader.load(project).fingerprint();
        ConfigFixtures.write(root.resolve("proj/.cli.local.json"), "{}");
        String withLocal = loader.load(project).fingerprint();

        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
        assertThat(withLocal).isNotEqualTo(changed);
    }

    @Test
    void discoverFindsTheNearestConfigUpwards() {
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("repo/.cli.json"));
        Path nested = root.resolve("repo/a/b");
        ConfigFixtures.write(nested.resolve("file.txt"), "x");

        assertThat(ConfigLoader.discover(nested)).contains(project);
        // above the temp dir there may be unrelated files; only our tree matters
        assertThat(ConfigLoader.discover(root).filter(p -> p.startsWith(root))).isEmpty();
    }
}
