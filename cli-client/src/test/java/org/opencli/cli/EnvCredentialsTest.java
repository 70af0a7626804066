package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.AuthRuntime;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/** CI with no file: OCLI_RUNTIME_URL plus OCLI_TOKEN or the client-credentials variables; env beats file beats nothing. */
class EnvCredentialsTest {
    @TempDir
    Path dir;
    private AuthRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = new AuthRuntime();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private CliResult ocli(Path cwd, Map<String, String> env, String... args) {
        String[] all = Stream.concat(Stream.of("--state-dir", dir.resolve("state").toString()), Stream.of(args)).toArray(String[]::new);
        return new CliRunner(env, cwd).run(all);
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("OCLI_RUNTIME_URL", runtime.url()));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    private JsonNode status(Path cwd, Map<String, String> env) throws Exception {
        CliResult status = ocli(cwd, env, "auth", "status", "--format", "json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        return Json.MAPPER.readTree(status.out());
    }

    @Test
    void aBearerTokenFromTheEnvironmentAloneIsEnough() throws Exception {
        runtime.accept("ci-token");
        Map<String, String> env = env("OCLI_TOKEN", "ci-token");
        CliResult ok = ocli(dir, env, "catalog", "list", "--format", "json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(runtime.authorizationHeaders).containsExactly("Bearer ci-token");
        JsonNode status = status(dir, env);
        assertThat(status.path("credentialSource").asText()).isEqualTo("environment (OCLI_TOKEN)");
        assertThat(status.path("mode").asText()).isEqualTo("providedToken");
        assertThat(status.toString()).doesNotContain("ci-token");
    }

    @Test
    void clientCredentialsFromTheEnvironmentAloneAreEnough() throws Exception {
        Map<String, String> env = env("OCLI_CLIENT_ID", "ocli-ci", "OCLI_CLIENT_SECRET", "ocli-ci-secret",
                "OCLI_TOKEN_URL", runtime.url() + "/idp/token", "OCLI_SCOPES", "runtime:read, audit:read");
        CliResult ok = ocli(dir, env, "catalog", "list", "--format", "json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(runtime.grants).containsExactly("client_credentials");
        JsonNode status = status(dir, env);
        assertThat(status.path("credentialSource").asText()).isEqualTo("environment (OCLI_CLIENT_ID, OCLI_CLIENT_SECRET, OCLI_TOKEN_URL)");
        assertThat(status.path("principal").asText()).isEqualTo("ocli-ci");
        assertThat(status.toString()).doesNotContain("ocli-ci-secret");
        Path signIns = dir.resolve("state").resolve("auth");
        try (Stream<Path> cached = Files.exists(signIns) ? Files.list(signIns) : Stream.empty()) {
            assertThat(cached.toList()).as("a CI job's token stays in its process: the per-user sign-in cache is untouched").isEmpty();
        }
    }

    @Test
    void theEnvironmentBeatsTheFileAndTheFileBeatsNothing() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(project.resolve(".cli.json"), """
                {"runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": {"mode": "providedToken", "tokenRef": "env:FILE_TOKEN"}}}}
                """.formatted(runtime.url()));
        runtime.accept("env-token");
        runtime.accept("file-token");
        assertThat(ocli(project, env("OCLI_TOKEN", "env-token", "FILE_TOKEN", "file-token"), "runtime", "info").exitCode()).isZero();
        assertThat(ocli(project, env("FILE_TOKEN", "file-token"), "runtime", "info").exitCode()).isZero();
        assertThat(runtime.authorizationHeaders).containsExactly("Bearer env-token", "Bearer file-token");
        assertThat(status(project, env("FILE_TOKEN", "file-token")).path("credentialSource").asText())
                .isEqualTo("config " + project.resolve(".cli.json") + " (runtime.remote.oauth)");
        assertThat(status(elsewhere, env()).path("credentialSource").asText()).isEqualTo("none");
    }

    @Test
    void environmentCredentialsAreNotSentToAnotherRuntimeThanOcliRuntimeUrl() throws Exception {
        runtime.accept("ci-token");
        CliResult other = ocli(dir, Map.of("OCLI_RUNTIME_URL", "https://ci-runtime.example.com", "OCLI_TOKEN", "ci-token"),
                "--runtime", runtime.url(), "runtime", "info");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(runtime.authorizationHeaders).containsExactly("null");
    }

    @Test
    void halfAClientCredentialsSetOrBothFormsIsAUsageErrorNamingTheVariables() {
        CliResult half = ocli(dir, env("OCLI_CLIENT_ID", "ocli-ci", "OCLI_TOKEN_URL", runtime.url() + "/idp/token"), "catalog", "list");
        assertThat(half.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(half.err()).contains("OCLI_CLIENT_SECRET").doesNotContain("ocli-ci ");
        CliResult both = ocli(dir, env("OCLI_TOKEN", "t", "OCLI_CLIENT_ID", "ocli-ci"), "catalog", "list");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("both OCLI_TOKEN and OCLI_CLIENT_ID");
        assertThat(runtime.authorizationHeaders).isEmpty();
    }
}
