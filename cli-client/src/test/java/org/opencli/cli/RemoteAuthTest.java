package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.cli.support.AuthRuntime;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;
import picocli.CommandLine;

/**
 * The real ocli against a runtime with auth on ({@link AuthRuntime}: checks the bearer header,
 * answers oclird's 401/403 problems) and its IdP: each runtime.remote.oauth mode sends the bearer,
 * sign-in commands work, refusals are explained with the right exit code.
 */
class RemoteAuthTest {
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

    private Path project(String oauth) throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve(".cli.json"), """
                {"cli": "1", "mode": {"default": "discover"}, "sources": {"a": {"type": "openapi", "uri": "a.yaml"}},
                 "runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": %s}}}
                """.formatted(runtime.url(), oauth));
        return project;
    }

    private CliResult ocli(Path cwd, Map<String, String> env, String... args) {
        String[] all = Stream.concat(Stream.of("--state-dir", dir.resolve("state").toString()), Stream.of(args)).toArray(String[]::new);
        return new CliRunner(env, cwd).run(all);
    }

    @Test
    void anUnknownCommandOnASignedInRuntimeMentionsTheScopes() throws Exception {
        Path project = project("{\"mode\": \"providedToken\", \"tokenRef\": \"env:OCLI_TEST_TOKEN\"}");
        runtime.accept("tok-scoped");
        CliResult unknown = ocli(project, Map.of("OCLI_TEST_TOKEN", "tok-scoped"), "nosuchservice", "things", "do-it");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("lists only the tools your token's scopes allow").contains("ocli auth status");

        CliResult unsigned = new CliRunner(Map.of(), dir).run("--demo", "nosuchservice", "things", "do-it");
        assertThat(unsigned.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unsigned.err()).doesNotContain("scopes allow");
    }

    @Test
    void providedTokenIsReadFromTheEnvironmentAndSent() throws Exception {
        Path project = project("{\"mode\": \"providedToken\", \"tokenRef\": \"env:OCLI_TEST_TOKEN\"}");
        runtime.accept("tok-from-env");
        CliResult ok = ocli(project, Map.of("OCLI_TEST_TOKEN", "tok-from-env"), "catalog", "list", "--format", "json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(runtime.authorizationHeaders).containsExactly("Bearer tok-from-env");

        CliResult status = ocli(project, Map.of("OCLI_TEST_TOKEN", "tok-from-env"), "auth", "status", "--format", "json");
        assertThat(Json.MAPPER.readTree(status.out()).path("signedIn").asBoolean()).isTrue();
        assertThat(status.out()).doesNotContain("tok-from-env");
        // status asked the runtime how it sees the token (GET /v1/runtime/info with it)
        assertThat(runtime.authorizationHeaders).containsExactly("Bearer tok-from-env", "Bearer tok-from-env");

        CliResult unset = ocli(project, Map.of(), "catalog", "list");
        assertThat(unset.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(unset.err()).contains("OCLI_TEST_TOKEN").contains("not set");
        assertThat(runtime.authorizationHeaders).as("nothing sent without the variable").hasSize(2);
    }

    @Test
    void unauthenticatedReasonsAreExplained() throws Exception {
        Path project = project("{\"mode\": \"providedToken\", \"tokenRef\": \"file:token.txt\"}");
        Files.writeString(project.resolve("token.txt"), "old-token\n");
        runtime.refuse("old-token", 401, "expired");
        CliResult expired = ocli(project, Map.of(), "catalog", "list");
        assertThat(expired.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(expired.err()).contains("reason: expired").contains("the token has expired")
                .contains("runtime.remote.oauth.tokenRef").doesNotContain("old-token");

        Files.writeString(project.resolve("token.txt"), "other-realm-token");
        runtime.refuse("other-realm-token", 401, "wrong_audience");
        CliResult audience = ocli(project, Map.of(), "runtime", "info");
        assertThat(audience.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(audience.err()).contains("reason: wrong_audience").contains("audience mapper");
    }

    @Test
    void insufficientScopeNamesTheScopeToAskFor() throws Exception {
        Path project = project("{\"mode\": \"providedToken\", \"tokenRef\": \"env:T\"}");
        runtime.refuse("narrow", 403, "tool:upstream:createTicket or bundle:upstream");
        CliResult refused = ocli(project, Map.of("T", "narrow"), "catalog", "list");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(refused.err()).contains("error: Insufficient scope")
                .contains("tool:upstream:createTicket or bundle:upstream").contains("grant");
        CliResult json = ocli(project, Map.of("T", "narrow"), "catalog", "list", "--format", "json");
        assertThat(Json.MAPPER.readTree(json.err()).path("code").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void noTokenAtAllIsExplainedAsMissing() throws Exception {
        CliResult missing = new CliRunner(Map.of(), dir).run("--runtime", runtime.url(), "--state-dir",
                dir.resolve("state").toString(), "catalog", "list");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(missing.err()).contains("no token was sent").contains("ocli --runtime " + runtime.url() + " auth login");
        assertThat(runtime.authorizationHeaders).containsExactly("null");
    }

    @Test
    void oauthClientFetchesCachesAndReusesTheToken() throws Exception {
        Path project = project("""
                {"mode": "oauthClient", "client": {"tokenURL": "%s/idp/token",
                  "clientId": {"type": "literal", "value": "ocli-ci"}, "clientSecret": {"type": "env", "value": "CI_SECRET"}}}
                """.formatted(runtime.url()));
        Map<String, String> env = Map.of("CI_SECRET", "ocli-ci-secret");
        assertThat(ocli(project, env, "catalog", "list", "--format", "json").exitCode()).isZero();
        assertThat(ocli(project, env, "runtime", "info").exitCode()).isZero();
        assertThat(runtime.grants).containsExactly("client_credentials");

        Path authDir = dir.resolve("state/auth");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(authDir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(authDir)) {
            files.forEach(f -> {
                try {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
                    assertThat(Files.readString(f)).doesNotContain("ocli-ci-secret");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }

        CliResult status = ocli(project, env, "auth", "status", "--format", "json");
        JsonNode json = Json.MAPPER.readTree(status.out());
        assertThat(json.path("mode").asText()).isEqualTo("oauthClient");
        assertThat(json.path("principal").asText()).isEqualTo("ocli-ci");
        assertThat(json.path("scopes").toString()).contains("audit:read");
        assertThat(json.path("expiresAt").asText()).isNotBlank();
        assertThat(status.out() + status.err()).doesNotContain("eyJ");

        CliResult token = ocli(project, env, "auth", "token");
        assertThat(token.exitCode()).isZero();
        assertThat(runtime.authorizationHeaders.get(0)).isEqualTo("Bearer " + token.out().strip());

        CliResult badSecret = ocli(project, Map.of("CI_SECRET", "wrong"), "auth", "login");
        assertThat(badSecret.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(badSecret.err()).contains("invalid_client").doesNotContain("wrong");
    }

    @Test
    void delegationExchangesTheUsersTokenCachesItPerUserTokenAndRenewsOnRefusal() throws Exception {
        Path project = project("""
                {"mode": "delegation", "delegation": {"tokenURL": "%s/idp/token",
                  "clientId": {"type": "literal", "value": "agent"}, "clientSecret": {"type": "env", "value": "AGENT_SECRET"},
                  "subjectTokenRef": "env:USER_TOKEN", "audience": "oclird", "scopes": ["bundle:upstream"]}}
                """.formatted(runtime.url()));
        runtime.userTokens.add("user-token-1");
        runtime.userTokens.add("user-token-2");
        Map<String, String> env = Map.of("AGENT_SECRET", "agent-secret", "USER_TOKEN", "user-token-1");
        CliResult first = ocli(project, env, "catalog", "list", "--format", "json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(ocli(project, env, "runtime", "info").exitCode()).isZero();
        assertThat(runtime.exchanges).as("the second call reuses the exchanged token").hasSize(1);
        Map<String, String> form = runtime.exchanges.get(0);
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token", "user-token-1")
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .containsEntry("audience", "oclird").containsEntry("scope", "bundle:upstream")
                .doesNotContainKey("actor_token").doesNotContainKey("client_secret");
        String exchanged = runtime.authorizationHeaders.get(0);
        assertThat(exchanged).isNotEqualTo("Bearer user-token-1");
        assertThat(runtime.authorizationHeaders).allMatch(exchanged::equals);
        try (Stream<Path> files = Files.walk(dir.resolve("state/auth/delegation"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).singleElement().satisfies(f -> {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
                assertThat(Files.readString(f)).doesNotContain("user-token-1").doesNotContain("agent-secret");
            });
        }

        // another user token: its own exchange, not the first user's token
        Map<String, String> env2 = Map.of("AGENT_SECRET", "agent-secret", "USER_TOKEN", "user-token-2");
        assertThat(ocli(project, env2, "runtime", "info").exitCode()).isZero();
        assertThat(runtime.exchanges).hasSize(2);
        assertThat(runtime.exchanges.get(1)).containsEntry("subject_token", "user-token-2");
        String second = runtime.authorizationHeaders.get(runtime.authorizationHeaders.size() - 1);
        assertThat(second).isNotEqualTo(exchanged);

        // the runtime refuses the cached token: one new exchange, the call retried
        runtime.refuse(exchanged.substring(7), 401, "expired");
        CliResult retried = ocli(project, env, "runtime", "info");
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(runtime.exchanges).hasSize(3);

        CliResult status = ocli(project, env, "auth", "status", "--format", "json");
        assertThat(Json.MAPPER.readTree(status.out()).path("mode").asText()).isEqualTo("delegation");
        assertThat(status.out() + status.err()).doesNotContain("eyJ").doesNotContain("user-token");

        CliResult logout = ocli(project, env, "auth", "logout");
        assertThat(logout.exitCode()).as(logout.err()).isZero();
        assertThat(ocli(project, env, "runtime", "info").exitCode()).isZero();
        assertThat(runtime.exchanges).as("after logout the next call exchanges anew").hasSize(4);
    }

    @Test
    void delegationFailuresHaveClearExitCodesAndNeverQuoteTokens() throws Exception {
        Path project = project("""
                {"mode": "delegation", "delegation": {"tokenURL": "%s/idp/token",
                  "clientId": {"type": "literal", "value": "agent"}, "clientSecret": {"type": "env", "value": "AGENT_SECRET"},
                  "subjectTokenRef": "env:USER_TOKEN"}}
                """.formatted(runtime.url()));
        CliResult noUser = ocli(project, Map.of("AGENT_SECRET", "agent-secret"), "catalog", "list");
        assertThat(noUser.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(noUser.err()).contains("subjectTokenRef").contains("USER_TOKEN");
        assertThat(runtime.exchanges).isEmpty();

        CliResult refused = ocli(project, Map.of("AGENT_SECRET", "agent-secret", "USER_TOKEN", "stolen-user-token"), "catalog", "list");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(refused.err()).contains("Token exchange failed").contains("invalid_grant").doesNotContain("stolen-user-token");

        runtime.userTokens.add("user-token-1");
        CliResult badClient = ocli(project, Map.of("AGENT_SECRET", "wrong-secret", "USER_TOKEN", "user-token-1"), "catalog", "list");
        assertThat(badClient.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(badClient.err()).contains("invalid_client").doesNotContain("wrong-secret").doesNotContain("user-token-1");
        assertThat(runtime.authorizationHeaders).isEmpty();
    }

    @Test
    void aTokenTheRuntimeCallsExpiredIsRenewedAndTheCallRetriedOnce() throws Exception {
        Path project = project("""
                {"mode": "oauthClient", "client": {"tokenURL": "%s/idp/token",
                  "clientId": {"type": "literal", "value": "ocli-ci"}, "clientSecret": {"type": "literal", "value": "ocli-ci-secret"}}}
                """.formatted(runtime.url()));
        String first = ocli(project, Map.of(), "auth", "token").out().strip();
        runtime.refuse(first, 401, "expired");
        CliResult r = ocli(project, Map.of(), "catalog", "list", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.grants).containsExactly("client_credentials", "client_credentials");
        assertThat(runtime.authorizationHeaders).hasSize(2).first().isEqualTo("Bearer " + first);
        assertThat(runtime.authorizationHeaders.get(1)).isNotEqualTo("Bearer " + first);
    }

    @Test
    void deviceCodeLoginWithEndpointsFromTheRuntimeThenLogoutRevokes() throws Exception {
        Path project = project("{\"mode\": \"deviceCode\"}");
        CliResult before = ocli(project, Map.of(), "catalog", "list");
        assertThat(before.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(before.err()).contains("run 'ocli --runtime " + runtime.url() + " auth login --device'");
        assertThat(runtime.authorizationHeaders).isEmpty(); // refused locally: nothing sent without a token
        CliResult info = ocli(project, Map.of(), "runtime", "info"); // public endpoint: asked without a token
        assertThat(runtime.authorizationHeaders).containsExactly("null");
        assertThat(info.err()).contains("no token was sent");

        CliResult login = ocli(project, Map.of(), "auth", "login", "--no-browser");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.err()).contains("To sign in, visit " + runtime.url() + "/idp/activate and enter the code ABCD-EFGH\n")
                .contains("Or open: " + runtime.url() + "/idp/activate?user_code=ABCD-EFGH\n");
        assertThat(login.out()).contains("Signed in to " + runtime.url() + " as alice (deviceCode)");

        assertThat(ocli(project, Map.of(), "catalog", "list", "--format", "json").exitCode()).isZero();
        assertThat(runtime.authorizationHeaders.get(runtime.authorizationHeaders.size() - 1)).startsWith("Bearer ey");
        Path otherDirectory = Files.createDirectories(dir.resolve("another-project"));
        CliResult elsewhere = ocli(otherDirectory, Map.of(), "--runtime", runtime.url(), "catalog", "list", "--format", "json");
        assertThat(elsewhere.exitCode()).as("a sign-in belongs to the runtime, not the directory: " + elsewhere.err()).isZero();
        assertThat(runtime.authorizationHeaders.get(runtime.authorizationHeaders.size() - 1)).startsWith("Bearer ey");

        CliResult logout = ocli(project, Map.of(), "auth", "logout");
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).contains("Signed out of").contains("revoked");
        assertThat(runtime.revoked).containsExactly("refresh-1");
        assertThat(ocli(project, Map.of(), "catalog", "list").exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
    }

    @Test
    void browserLoginPrintsTheUrlAndCompletesThroughTheLoopbackCallback() throws Exception {
        Path project = project("{\"mode\": \"browserLogin\", \"scopes\": [\"bundle:upstream\"]}");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = pool.submit(() -> OcliLauncher.run(CommandLine.defaultFactory(),
                    new RuntimeResolver(Map.of(), project), new PrintWriter(out, true), new PrintWriter(err, true),
                    new ConsoleIo(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), false, false),
                    "--state-dir", dir.resolve("state").toString(), "auth", "login", "--no-browser"));
            String prefix = "Open this URL in a browser to sign in: ";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err.toString().contains(prefix) && System.nanoTime() < deadline && !exit.isDone()) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll the condition, bounded by the deadline
            }
            String line = err.toString().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                    () -> new AssertionError("no sign-in URL on stderr: " + err));
            URI url = URI.create(line.substring(prefix.length()));
            assertThat(url.toString()).startsWith(runtime.url() + "/idp/authorize?").contains("code_challenge_method=S256")
                    .contains("client_id=ocli").contains("scope=openid+bundle%3Aupstream")
                    .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A");
            String page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("you can close this tab");
            assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Signed in to " + runtime.url() + " as alice (browserLogin)");
        } finally {
            pool.shutdownNow();
        }
        CliResult status = ocli(project, Map.of(), "auth", "status", "--format", "json");
        assertThat(Json.MAPPER.readTree(status.out()).path("refreshable").asBoolean()).isTrue();
        assertThat(ocli(project, Map.of(), "catalog", "list", "--format", "json").exitCode()).isZero();
    }

    @Test
    void aTokenForTheConfiguredRuntimeIsNotSentToAnotherOne() throws Exception {
        Path project = dir.resolve("elsewhere");
        Files.createDirectories(project);
        Files.writeString(project.resolve(".cli.json"), """
                {"cli": "1", "mode": {"default": "discover"}, "sources": {"a": {"type": "openapi", "uri": "a.yaml"}},
                 "runtime": {"remote": {"url": "https://other.example", "oauth": {"mode": "providedToken", "tokenRef": "env:T"}}}}
                """);
        CliResult r = ocli(project, Map.of("T", "for-other"), "--runtime", runtime.url(), "catalog", "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.AUTH_REQUIRED);
        assertThat(runtime.authorizationHeaders).containsExactly("null");
    }

    @Test
    void noBearerOverPlainHttpToAnotherMachine() throws Exception {
        Path project = dir.resolve("insecure");
        Files.createDirectories(project);
        Files.writeString(project.resolve(".cli.json"), """
                {"cli": "1", "mode": {"default": "discover"}, "sources": {"a": {"type": "openapi", "uri": "a.yaml"}},
                 "runtime": {"mode": "remote", "remote": {"url": "http://runtime.example", "oauth": {"mode": "providedToken", "tokenRef": "env:T"}}}}
                """);
        CliResult r = ocli(project, Map.of("T", "secret-token"), "catalog", "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("plain http").contains("https").doesNotContain("secret-token");
    }

    @Test
    void signingInToTheEmbeddedEngineIsAUsageError() {
        CliResult r = new CliRunner(Map.of(), dir).run("--embedded", "auth", "status");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("remote runtime");
    }
}
