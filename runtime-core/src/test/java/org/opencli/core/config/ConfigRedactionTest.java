package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.json.Json;

/** What {@code ocli config show} may print: references yes, possible literals no. */
class ConfigRedactionTest {
    @TempDir
    Path root;

    private CliConfig load(String json) {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), json);
        return ConfigFixtures.loaderIn(root).load(project).config();
    }

    @Test
    void transportHeaderValuesAreMaskedButNamesAndHeaderSecretsAreShown() {
        CliConfig config = load("""
                {"cli": "1", "mode": {"default": "discover"},
                 "mcpServers": {"docs": {"url": "https://docs.example/mcp",
                   "headers": {"Authorization": "Bearer abc123", "X-Tenant": "acme"},
                   "headerSecrets": {"X-Key": "docs.key"}}}}
                """);

        JsonNode shown = ConfigRedaction.redacted(config);

        JsonNode transport = shown.at("/sources/docs/transport");
        assertThat(transport.at("/headers/Authorization").asText()).isEqualTo(ConfigRedaction.MASK);
        assertThat(transport.at("/headers/X-Tenant").asText()).isEqualTo(ConfigRedaction.MASK);
        assertThat(transport.at("/headerSecrets/X-Key").asText()).isEqualTo("docs.key");
        assertThat(transport.at("/url").asText()).isEqualTo("https://docs.example/mcp");
        assertThat(shown.toString()).doesNotContain("abc123");
    }

    @Test
    void secretValuesAreMaskedUnlessTheTypeOnlyHoldsAReference() {
        CliConfig config = load("""
                {"cli": "1", "mode": {"default": "discover"},
                 "sources": {"o": {"type": "openapi", "uri": "o.yaml"}},
                 "runtime": {"remote": {"url": "https://r.example", "oauth": {"mode": "oauthClient",
                   "client": {"tokenURL": "https://idp.example/token",
                              "clientId": {"type": "literal", "value": "client-literal"},
                              "clientSecret": {"type": "env", "value": "CLIENT_SECRET"}}}}},
                 "secrets": {
                   "e": {"type": "env", "value": "ENV_NAME"},
                   "f": {"type": "file", "value": "/run/secret"},
                   "k": {"type": "osKeychain", "value": "item"},
                   "x": {"type": "exec", "command": ["vault", "read"], "value": "exec-literal"},
                   "o": {"type": "oauth2", "mode": "clientCredentials", "tokenURL": "https://idp.example/token",
                         "clientSecret": {"type": "literal", "value": "nested-literal"}}}}
                """);

        JsonNode shown = ConfigRedaction.redacted(config);

        assertThat(shown.at("/secrets/e/value").asText()).isEqualTo("ENV_NAME");
        assertThat(shown.at("/secrets/f/value").asText()).isEqualTo("/run/secret");
        assertThat(shown.at("/secrets/k/value").asText()).isEqualTo("item");
        assertThat(shown.at("/secrets/x/value").asText()).isEqualTo(ConfigRedaction.MASK);
        assertThat(shown.at("/secrets/x/command/0").asText()).isEqualTo("vault");
        assertThat(shown.at("/secrets/o/clientSecret/value").asText()).isEqualTo(ConfigRedaction.MASK);
        assertThat(shown.at("/runtime/remote/oauth/client/clientId/value").asText()).isEqualTo(ConfigRedaction.MASK);
        assertThat(shown.at("/runtime/remote/oauth/client/clientSecret/value").asText()).isEqualTo("CLIENT_SECRET");
        assertThat(shown.toString()).doesNotContain("exec-literal", "nested-literal", "client-literal");
    }

    @Test
    void redactionDoesNotChangeTheConfig() {
        CliConfig config = load("""
                {"cli": "1", "mode": {"default": "discover"},
                 "mcpServers": {"d": {"url": "https://d.example", "headers": {"X-A": "secret"}}}}
                """);

        ConfigRedaction.redacted(config);

        assertThat(config.sources().get("d").transport().headers()).containsEntry("X-A", "secret");
        assertThat(Json.write(config)).contains("\"X-A\":\"secret\"");
    }
}
