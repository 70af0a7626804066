package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/** {@code ocli config validate} on a client config: only runtime and the mode/agents choices. */
class ClientConfigValidateTest {
    static final String CLIENT = """
            {"runtime": {"mode": "remote", "remote": {"url": "https://runtime.example.com",
              "oauth": {"mode": "providedToken", "tokenRef": "env:T"}}},
             "mode": {"default": "curated"}, "agents": {"defaultProfile": "ops"}}
            """;

    @TempDir
    Path dir;

    private CliResult validate(Map<String, String> env, String json, String... extra) throws Exception {
        Files.writeString(dir.resolve(".cli.json"), json);
        String[] args = new String[extra.length + 2];
        System.arraycopy(extra, 0, args, 0, extra.length);
        args[extra.length] = "config";
        args[extra.length + 1] = "validate";
        return new CliRunner(env, dir).run(args);
    }

    @Test
    void aClientConfigIsValidAndNamesItsRuntimeUrl() throws Exception {
        CliResult r = validate(Map.of(), CLIENT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("valid: client config for runtime URL https://runtime.example.com");
        JsonNode json = Json.MAPPER.readTree(validate(Map.of(), CLIENT, "--format", "json").out());
        assertThat(json.path("kind").asText()).isEqualTo("client");
        assertThat(json.path("runtimeUrl").asText()).isEqualTo("https://runtime.example.com");
    }

    @Test
    void withoutItsOwnUrlTheUrlComesFromTheFlagOrTheEnvironment() throws Exception {
        String noUrl = "{\"runtime\": {\"remote\": {\"oauth\": {\"mode\": \"providedToken\", \"tokenRef\": \"env:T\"}}}}";
        assertThat(validate(Map.of(RuntimeResolver.ENV_RUNTIME_URL, "https://ci.example.com"), noUrl).out())
                .contains("client config for runtime URL https://ci.example.com");
        assertThat(validate(Map.of(), noUrl, "--runtime=https://flag.example.com").out())
                .contains("client config for runtime URL https://flag.example.com");
        CliResult none = validate(Map.of(), noUrl);
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("$.runtime.remote.url", "no runtime URL", "OCLI_RUNTIME_URL");
    }

    @Test
    void aClientConfigMayNotDefineProfilesOrIgnoreItsUrl() throws Exception {
        CliResult profiles = validate(Map.of(), "{\"runtime\": {\"mode\": \"remote\", \"remote\": {\"url\": \"https://r\"}},"
                + " \"agents\": {\"profiles\": {\"ops\": {\"toolSet\": \"ops\"}}}}");
        assertThat(profiles.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(profiles.err()).contains("$.agents.profiles", "defined in the runtime's config");
        CliResult unused = validate(Map.of(), "{\"runtime\": {\"remote\": {\"url\": \"https://r\"}}}");
        assertThat(unused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unused.err()).contains("$.runtime.mode", "used only with runtime.mode 'remote'");
        CliResult wrongType = validate(Map.of(), "{\"runtime\": {\"mode\": \"remote\", \"remote\": {\"url\": 5}}}");
        assertThat(wrongType.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongType.err()).contains("$.runtime.remote.url");
    }

    @Test
    void aConfigWithSourcesIsStillAProjectConfigWithItsRequiredKeys() throws Exception {
        CliResult r = validate(Map.of(), "{\"runtime\": {\"mode\": \"remote\", \"remote\": {\"url\": \"https://r\"}}, \"sources\": {}}");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("$.cli");
    }
}
