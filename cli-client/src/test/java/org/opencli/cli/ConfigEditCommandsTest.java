package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/** {@code ocli config add-source / remove-source / add-secret}, typed as the docs show them. */
class ConfigEditCommandsTest {
    /** Four-space indentation, as a person might have written it. */
    static final String CONFIG = """
            {
                "cli": "1.0.0",
                "mode": {"default": "discover"},
                "sources": {"tickets": {"type": "openapi", "uri": "tickets.yaml"}},
                "services": {"helpdesk": {"source": "tickets", "alias": "hd"}}
            }
            """;

    @TempDir
    Path dir;
    Path config;

    static final String DOC = "openapi: 3.0.3\ninfo: {title: Billing, version: '1'}\npaths: {}\n";

    @BeforeEach
    void writeConfig() throws Exception {
        config = Files.writeString(dir.resolve(".cli.json"), CONFIG);
        Files.writeString(dir.resolve("billing.yaml"), DOC);
    }

    CliResult ocli(String... args) {
        return new CliRunner(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), dir).run(args);
    }

    JsonNode saved() throws Exception {
        return Json.MAPPER.readTree(config.toFile());
    }

    @Test
    void addSourceWithAServiceKeepsOrderAndIndentationAndValidates() throws Exception {
        CliResult r = ocli("config", "add-source", "billing", "--type", "openapi", "--uri", "./billing.yaml",
                "--service", "bill", "--alias", "b");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("added source 'billing' (openapi) and service 'bill' (alias 'b') in " + config + "\n");
        String text = Files.readString(config);
        assertThat(text).startsWith("{\n    \"cli\": \"1.0.0\",\n    \"mode\": {").endsWith("}\n");
        assertThat(fieldNames(saved())).containsExactly("cli", "mode", "sources", "services");
        assertThat(fieldNames(saved().path("sources"))).containsExactly("tickets", "billing");
        assertThat(saved().path("sources").path("billing").toString()).isEqualTo("{\"type\":\"openapi\",\"uri\":\"./billing.yaml\"}");
        assertThat(saved().path("services").path("bill").toString()).isEqualTo("{\"source\":\"billing\",\"alias\":\"b\"}");
        assertThat(ocli("config", "validate").exitCode()).isZero();
    }

    @Test
    void theEqualsFormWorksAndAnAliasAloneNamesTheServiceAfterTheSource() throws Exception {
        CliResult r = ocli("config", "add-source", "billing", "--type=openapi", "--uri=./billing.yaml",
                "--alias=bill");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(saved().path("services").path("billing").toString()).isEqualTo("{\"source\":\"billing\",\"alias\":\"bill\"}");
    }

    @Test
    void aDuplicateSourceOrServiceIsRefusedAndTheFileIsUntouched() throws Exception {
        CliResult dup = ocli("config", "add-source", "tickets", "--type", "openapi", "--uri", "other.yaml");
        assertThat(dup.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dup.err()).contains("source 'tickets' is already in " + config);
        CliResult service = ocli("config", "add-source", "more", "--type", "openapi", "--uri", "more.yaml", "--service", "helpdesk");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(service.err()).contains("service 'helpdesk' is already in", "over source 'tickets'");
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
    }

    @Test
    void anUnsupportedTypeIsAUsageError() throws Exception {
        CliResult r = ocli("config", "add-source", "fs", "--type", "mcp", "--uri", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("openapi, serviceRoot, apiCatalog", "mcpServers");
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
    }

    @Test
    void anEditThatWouldLeaveAnInvalidConfigIsRefusedByteForByte() throws Exception {
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        byte[] before = Files.readAllBytes(config);
        CliResult r = ocli("config", "remove-source", "tickets");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(config + ": $.sources: must have at least one entry");
        assertThat(r.err().split(java.util.regex.Pattern.quote("$.sources:"), -1)).hasSize(2); // named once
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();

        CliResult badUri = ocli("config", "add-source", "empty", "--type", "openapi", "--uri", "");
        assertThat(badUri.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUri.err()).contains("$.sources.empty.uri");
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
    }

    @Test
    void removeSourceTakesItsServicesAndSaysSo() throws Exception {
        ocli("config", "add-source", "billing", "--type", "openapi", "--uri", "billing.yaml");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        CliResult r = ocli("config", "remove-source", "tickets");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("removed source 'tickets' and the service 'helpdesk' over it");
        assertThat(fieldNames(saved())).containsExactly("cli", "mode", "sources");
        assertThat(fieldNames(saved().path("sources"))).containsExactly("billing");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aLinkedConfigIsEditedWhereItLivesAndStaysALink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("dotfiles")).resolve("helpdesk.cli.json");
        Files.move(config, real);
        Files.createSymbolicLink(config, real);
        CliResult r = ocli("config", "add-secret", "token", "--type", "env", "--value", "T");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(config)).isTrue();
        assertThat(Json.MAPPER.readTree(real.toFile()).path("secrets").has("token")).isTrue();
    }

    @Test
    void removingAnUnknownSourceNamesTheExistingOnes() throws Exception {
        CliResult r = ocli("config", "remove-source", "nope");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("no source 'nope' in " + config + " (its sources: tickets)");
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
    }

    @Test
    void addSecretOfEachKind() throws Exception {
        assertThat(ocli("config", "add-secret", "helpdesk.bearerAuth", "--type", "env", "--value", "HD_TOKEN").exitCode()).isZero();
        assertThat(ocli("config", "add-secret", "apiKey", "--type=file", "--value=./api-key.txt").exitCode()).isZero();
        CliResult exec = ocli("config", "add-secret", "vault", "--type", "exec", "--", "vault", "kv", "get", "-field=token", "secret/api");
        assertThat(exec.exitCode()).as(exec.err()).isZero();
        assertThat(exec.out()).contains("policy.allowExecSecrets");
        CliResult oauth = ocli("config", "add-secret", "helpdesk.oauth", "--type", "oauth2", "--oauth2-mode", "clientCredentials",
                "--token-url", "https://auth.example.com/token", "--client-id", "env:HD_CLIENT_ID",
                "--client-secret=env:HD_CLIENT_SECRET", "--scope", "read", "--scope=write");
        assertThat(oauth.exitCode()).as(oauth.err()).isZero();
        JsonNode secrets = saved().path("secrets");
        assertThat(secrets.path("helpdesk.bearerAuth").toString()).isEqualTo("{\"type\":\"env\",\"value\":\"HD_TOKEN\"}");
        assertThat(secrets.path("apiKey").toString()).isEqualTo("{\"type\":\"file\",\"value\":\"./api-key.txt\"}");
        assertThat(secrets.path("vault").path("command").toString()).isEqualTo("[\"vault\",\"kv\",\"get\",\"-field=token\",\"secret/api\"]");
        assertThat(secrets.path("helpdesk.oauth").toString()).isEqualTo("{\"type\":\"oauth2\",\"mode\":\"clientCredentials\","
                + "\"tokenURL\":\"https://auth.example.com/token\",\"clientId\":{\"type\":\"env\",\"value\":\"HD_CLIENT_ID\"},"
                + "\"clientSecret\":{\"type\":\"env\",\"value\":\"HD_CLIENT_SECRET\"},\"scopes\":[\"read\",\"write\"]}");
        assertThat(ocli("config", "validate").exitCode()).isZero();
    }

    @Test
    void addSecretRefusesDuplicatesUnlessForcedAndOptionsOfAnotherType() throws Exception {
        ocli("config", "add-secret", "token", "--type", "env", "--value", "A");
        CliResult dup = ocli("config", "add-secret", "token", "--type", "env", "--value", "B");
        assertThat(dup.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dup.err()).contains("secret 'token' is already in", "--force");
        assertThat(ocli("config", "add-secret", "token", "--type", "env", "--value", "B", "--force").out()).contains("replaced secret 'token'");
        assertThat(saved().path("secrets").path("token").path("value").asText()).isEqualTo("B");

        String before = Files.readString(config);
        CliResult noValue = ocli("config", "add-secret", "x", "--type", "env");
        assertThat(noValue.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noValue.err()).contains("--type env needs --value");
        CliResult mixed = ocli("config", "add-secret", "x", "--type", "env", "--value", "X", "--token-url", "https://t");
        assertThat(mixed.err()).contains("--token-url applies to --type oauth2 only");
        CliResult twoMixed = ocli("config", "add-secret", "x", "--type=env", "--value=X", "--token-url=https://t", "--scope", "read");
        assertThat(twoMixed.err()).contains("--token-url, --scope apply to --type oauth2 only");
        CliResult badRef = ocli("config", "add-secret", "x", "--type", "oauth2", "--oauth2-mode", "clientCredentials",
                "--token-url", "https://t", "--client-secret", "s3cr3t-bytes");
        assertThat(badRef.err()).contains("--client-secret takes TYPE:VALUE").doesNotContain("s3cr3t-bytes");
        CliResult incomplete = ocli("config", "add-secret", "x", "--type", "oauth2", "--oauth2-mode", "authorizationCode");
        assertThat(incomplete.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(incomplete.err()).contains("$.secrets.x");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void withoutAConfigTheEditSaysWhereItLooked() throws Exception {
        Files.delete(config);
        CliResult r = ocli("config", "add-secret", "t", "--type", "env", "--value", "T");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("No config");
    }

    @Test
    void aBrokenConfigIsNamedByLineAndColumnOnceWithoutParserInternals() throws Exception {
        Files.writeString(config, "{\n  \"cli\": \"1.0.0\"\n  \"mode\": {\"default\": \"discover\"}\n}\n");
        for (List<String> args : List.of(List.of("config", "validate"),
                List.of("config", "add-source", "a", "--type", "openapi", "--uri", "a.yaml"))) {
            CliResult r = ocli(args.toArray(String[]::new));
            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains(config + ": $: not well-formed JSON at line 3, column 3 (expected: ',' or '}')")
                    .doesNotContain("StreamReadFeature", "Source:", "\"mode\"");
            assertThat(r.err().split("line 3, column 3", -1)).as(r.err()).hasSize(2);
        }
    }

    @Test
    void aReadOnlyConfigIsRefusedEvenForRoot() throws Exception {
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("r--r--r--"));
        CliResult r = ocli("config", "add-source", "billing", "--type", "openapi", "--uri", "billing.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(config + " is read-only (mode 0444); nothing was changed");
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
    }

    @Test
    void aSourceWhoseDocumentIsMissingOrInvalidIsNotAdded() throws Exception {
        CliResult missing = ocli("config", "add-source", "bad", "--type", "openapi", "--uri", "./missing.yaml");
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("(source 'bad' --uri ./missing.yaml not added)");
        Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\ninfo: {title: B, version: '1'}\npaths: []\n");
        CliResult invalid = ocli("config", "add-source", "bad", "--type=openapi", "--uri=broken.yaml");
        assertThat(invalid.exitCode()).as(invalid.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.err()).contains("error: Invalid OpenAPI document (source 'bad' --uri broken.yaml not added): file:", "broken.yaml: $.paths");
        assertThat(invalid.err().split(java.util.regex.Pattern.quote("$.paths"), -1)).as(invalid.err()).hasSize(2);
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void namesWithControlCharactersAreRefusedAndShownSafely() throws Exception {
        CliResult source = ocli("config", "add-source", "a\u001b[2Jb", "--type", "openapi", "--uri", "billing.yaml");
        assertThat(source.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(source.err()).contains("NAME 'a?[2Jb' must start with a letter or digit").doesNotContain("\u001b");
        CliResult secret = ocli("config", "add-secret", "s\u001b[2J", "--type", "env", "--value", "S");
        assertThat(secret.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(secret.err()).contains("NAME 's?[2J'").doesNotContain("\u001b");
        CliResult service = ocli("config", "add-source", "ok", "--type", "openapi", "--uri", "billing.yaml", "--service=-x");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
