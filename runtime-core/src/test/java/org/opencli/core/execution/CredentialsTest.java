package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.secrets.KeychainCommand;

/** Secret types, lookup order, how each scheme is applied, and that unresolved means unsent. */
class CredentialsTest extends WithExecFixture {
    @Test
    void envSecretAppliedAsBearerAndServiceScopedNameWins() {
        f.config("\"secrets\": {\"exec.bearerAuth\": {\"type\": \"env\", \"value\": \"SCOPED\"},"
                + " \"bearerAuth\": {\"type\": \"env\", \"value\": \"GLOBAL\"}}");
        f.env.put("SCOPED", "tok-scoped");
        f.env.put("GLOBAL", "tok-global");
        f.run(f.call("exec:bearerOnly"));
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer tok-scoped");
        assertThat(f.lastAudit().path("authScheme").asText()).isEqualTo("bearerAuth");
    }

    @Test
    void fileSecretRelativeToTheConfigAndTrimmed() {
        ExecFixture.write(dir.resolve("secrets/basic.txt"), "alice:s3cret\n");
        f.config("\"secrets\": {\"basicAuth\": {\"type\": \"file\", \"value\": \"secrets/basic.txt\"}}");
        f.run(f.call("exec:basicOnly"));
        String expected = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(f.server.last().header("Authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void apiKeysInHeaderQueryAndCookie() {
        f.config("\"secrets\": {\"headerKey\": {\"type\": \"env\", \"value\": \"K\"},"
                + " \"queryKey\": {\"type\": \"env\", \"value\": \"K\"}, \"cookieKey\": {\"type\": \"env\", \"value\": \"K\"}}");
        f.env.put("K", "key&1");
        f.run(f.call("exec:headerKeyOnly"));
        assertThat(f.server.last().header("X-Api-Key")).isEqualTo("key&1");
        f.run(f.call("exec:queryKeyOnly"));
        assertThat(f.server.last().rawQuery()).isEqualTo("api_key=key%261");
        f.run(f.call("exec:cookieKeyOnly"));
        assertThat(f.server.last().header("Cookie")).isEqualTo("session=key&1");
    }

    @Test
    void execSecretRunsArgvWhenAllowed() {
        f.config("\"policy\": {\"allowExecSecrets\": true},"
                + " \"secrets\": {\"bearerAuth\": {\"type\": \"exec\", \"command\": [\"/bin/echo\", \"from-exec\"]}}");
        f.run(f.call("exec:bearerOnly"));
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer from-exec");
    }

    @Test
    void execSecretThatHangsTimesOut() {
        f.limits = f.limits.withSecretCommandTimeout(Duration.ofMillis(300));
        f.config("\"policy\": {\"allowExecSecrets\": true},"
                + " \"secrets\": {\"bearerAuth\": {\"type\": \"exec\", \"command\": [\"/bin/sleep\", \"10\"]}}");
        OcliException e = f.failure(f.call("exec:bearerOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("did not finish");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void execSecretWithoutAllowExecSecretsIsRefusedAndNothingIsSent() {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"exec\", \"command\": [\"/bin/echo\", \"from-exec\"]}}");
        OcliException e = f.failure(f.call("exec:bearerOnly"));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("allowExecSecrets").contains("bearerAuth");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void unsetEnvVariableIsUnresolvedNamingSchemeSecretAndReason() {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"NOT_SET_ANYWHERE\"}}");
        OcliException e = f.failure(f.call("exec:bearerOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("bearerAuth").contains("NOT_SET_ANYWHERE").contains("not set");
        assertThat(f.server.seen).isEmpty();
        assertThat(f.lastAudit().path("decision").asText()).isEqualTo("deny");
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("credentials_unresolved");
    }

    @Test
    void missingSecretAndUnreadableFileAreUnresolved() {
        OcliException none = f.failure(f.call("exec:bearerOnly"));
        assertThat(none.detail()).contains("exec.bearerAuth").contains("no secret configured");
        f.close();
        f = new ExecFixture(dir);
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"file\", \"value\": \"nope.txt\"}}");
        assertThat(f.failure(f.call("exec:bearerOnly")).detail()).contains("cannot be read");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void aSecretFileThatIsADeviceOrTooLargeOrACommandThatFloodsIsRefusedUnread() throws Exception {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"file\", \"value\": \"/dev/zero\"}}");
        assertThat(f.failure(f.call("exec:bearerOnly")).detail()).contains("/dev/zero").contains("not a regular file");
        f.close();
        f = new ExecFixture(dir);
        ExecFixture.write(dir.resolve("big.txt"), "x".repeat(100_000));
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"file\", \"value\": \"big.txt\"}}");
        assertThat(f.failure(f.call("exec:bearerOnly")).detail()).contains("big.txt").contains("more than 65536 bytes");
        f.close();
        f = new ExecFixture(dir);
        f.config("\"policy\": {\"allowExecSecrets\": true},"
                + " \"secrets\": {\"bearerAuth\": {\"type\": \"exec\", \"command\": [\"/usr/bin/yes\"]}}");
        OcliException flood = f.failure(f.call("exec:bearerOnly"));
        assertThat(flood.code()).isEqualTo("credentials_unresolved");
        assertThat(flood.detail()).contains("printed more than 65536 bytes").doesNotContain("y\ny");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void alternativesAreOrOfAnds() {
        // first alternative needs BOTH header and query keys; only the header key resolves → bearer is used
        f.config("\"secrets\": {\"headerKey\": {\"type\": \"env\", \"value\": \"HK\"},"
                + " \"queryKey\": {\"type\": \"env\", \"value\": \"QK\"}, \"bearerAuth\": {\"type\": \"env\", \"value\": \"BT\"}}");
        f.env.put("HK", "h");
        f.env.put("BT", "b");
        f.run(f.call("exec:eitherAuth"));
        RecordingServer.Seen seen = f.server.last();
        assertThat(seen.header("Authorization")).isEqualTo("Bearer b");
        assertThat(seen.header("X-Api-Key")).isNull();
        assertThat(seen.rawQuery()).isNull();

        f.env.put("QK", "q");
        f.run(f.call("exec:eitherAuth"));
        seen = f.server.last();
        assertThat(seen.header("X-Api-Key")).isEqualTo("h");
        assertThat(seen.rawQuery()).isEqualTo("api_key=q");
        assertThat(seen.header("Authorization")).isNull();
        assertThat(f.lastAudit().path("authScheme").asText()).isEqualTo("headerKey+queryKey");
    }

    @Test
    void toolWithoutSecuritySendsNoCredentials() {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"BT\"}}");
        f.env.put("BT", "b");
        f.run(f.call("exec:getReport"));
        assertThat(f.server.last().header("Authorization")).isNull();
    }

    @Test
    void secretsAreResolvedOnEngineThreadsNotTheCaller() {
        java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"BT\"}}");
        f.envLookup = name -> { // records which thread resolves the secret
            threads.add(Thread.currentThread().getName());
            return "t";
        };
        f.run(f.call("exec:bearerOnly"));
        assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("ocli-exec"));
        assertThat(threads).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void keychainCommandPerOperatingSystem() {
        assertThat(KeychainCommand.argv("Linux", "svc")).containsExactly("secret-tool", "lookup", "service", "svc");
        assertThat(KeychainCommand.argv("Mac OS X", "svc"))
                .containsExactly("security", "find-generic-password", "-s", "svc", "-w");
    }

    @Test
    void keychainWithoutItsToolIsUnresolved() {
        f.keychainArgv = v -> List.of("ocli-no-such-secret-tool-binary", "lookup", "service", v);
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"osKeychain\", \"value\": \"my-api\"}}");
        OcliException e = f.failure(f.call("exec:bearerOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("cannot start");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void keychainValueComesFromTheCommandOutput() {
        f.keychainArgv = v -> List.of("/bin/echo", "kc-" + v);
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"osKeychain\", \"value\": \"my-api\"}}");
        f.run(f.call("exec:bearerOnly"));
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer kc-my-api");
    }

    @Test
    void clientCredentialsTokenIsFetchedCachedAndRefreshedBeforeExpiry() {
        f.server.reply("/token",
                RecordingServer.Reply.json(200, "{\"access_token\":\"at-1\",\"expires_in\":120}"),
                RecordingServer.Reply.json(200, "{\"access_token\":\"at-2\",\"expires_in\":120}"));
        f.config("\"secrets\": {\"cc\": {\"type\": \"oauth2\", \"mode\": \"clientCredentials\","
                + " \"tokenURL\": \"" + f.server.base() + "/token\","
                + " \"clientId\": {\"type\": \"env\", \"value\": \"CID\"}, \"clientSecret\": {\"type\": \"env\", \"value\": \"CSEC\"},"
                + " \"audience\": \"api://x\", \"tokenStorage\": \"instance\"}}");
        f.env.put("CID", "client-1");
        f.env.put("CSEC", "shh");
        f.run(f.call("exec:oauthOnly"));
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer at-1");
        RecordingServer.Seen tokenCall = f.server.at("/token").get(0);
        assertThat(tokenCall.bodyText()).contains("grant_type=client_credentials", "client_id=client-1",
                "client_secret=shh", "scope=read", "audience=api%3A%2F%2Fx");

        f.clock.advance(Duration.ofSeconds(60));
        f.run(f.call("exec:oauthOnly"));
        assertThat(f.server.at("/token")).hasSize(1); // cached
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer at-1");

        f.clock.advance(Duration.ofSeconds(35)); // 95 s: inside the 30 s refresh margin
        f.run(f.call("exec:oauthOnly"));
        assertThat(f.server.at("/token")).hasSize(2);
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer at-2");

        java.nio.file.Path tokens = dir.resolve("state/instances/t1/tokens");
        try (var files = java.nio.file.Files.list(tokens)) {
            java.nio.file.Path stored = files.findFirst().orElseThrow();
            assertThat(java.nio.file.Files.getPosixFilePermissions(stored))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(f.auditText()).doesNotContain("at-1").doesNotContain("at-2").doesNotContain("shh");
    }

    @Test
    void openIdConnectDiscoversTheTokenEndpoint() {
        f.server.reply("/.well-known/openid-configuration",
                RecordingServer.Reply.json(200, "{\"token_endpoint\":\"" + f.server.base() + "/oidc-token\"}"));
        f.server.reply("/oidc-token", RecordingServer.Reply.json(200, "{\"access_token\":\"oidc-at\",\"expires_in\":300}"));
        f.config("\"secrets\": {\"oidc\": {\"type\": \"oauth2\", \"mode\": \"clientCredentials\", \"issuer\": \"" + f.server.base() + "\","
                + " \"clientId\": {\"type\": \"env\", \"value\": \"CID\"}, \"clientSecret\": {\"type\": \"env\", \"value\": \"CSEC\"}}}");
        f.env.put("CID", "c");
        f.env.put("CSEC", "s");
        f.run(f.call("exec:oidcOnly"));
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer oidc-at");
        assertThat(f.server.at("/oidc-token")).hasSize(1);
    }

    @Test
    void implicitOnlySchemeIsRefused() {
        f.config("\"secrets\": {\"implicitOnly\": {\"type\": \"oauth2\", \"mode\": \"clientCredentials\", \"tokenURL\": \"http://127.0.0.1:1/t\","
                + " \"clientId\": {\"type\": \"env\", \"value\": \"CID\"}, \"clientSecret\": {\"type\": \"env\", \"value\": \"CSEC\"}}}");
        OcliException e = f.failure(f.call("exec:implicitOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("implicit/password");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void secretValuesNeverAppearInTheAuditLog() {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"BT\"}}");
        f.env.put("BT", "super-secret-token-value");
        f.run(f.call("exec:bearerOnly"));
        assertThat(f.auditText()).isNotEmpty().doesNotContain("super-secret-token-value");
    }
}
