package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.ProblemItem;

/** Each invalid fixture yields a problem naming the project file, the JSON path and what was expected. */
class ConfigValidationTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            service-relative-base-url          | $.services.orders.baseURL                     | value "/v2" has the wrong form     | an absolute http(s) URL
            service-unknown-source             | $.services.orders.source                      | unknown source 'ordersApi'         | one of the sources: orders
            profile-unknown-toolset            | $.agents.profiles.ops.toolSet                 | unknown tool set 'operations'      | one of the curation.toolSets: ops
            default-profile-unknown            | $.agents.defaultProfile                       | unknown profile 'support'          | one of the agents.profiles: ops
            openapi-missing-uri                | $.sources.orders.uri                          | an openapi source needs 'uri'      | a URL or a file path
            mcp-with-uri                       | $.sources.fs.uri                              | not allowed on an mcp source       | no uri
            openapi-with-transport             | $.sources.orders.transport                    | applies to mcp sources only        | no transport on an openapi source
            openapi-with-oauth                 | $.sources.orders.oauth                        | applies to mcp sources only        | no oauth on an openapi source
            openapi-with-disabled-tools        | $.sources.orders.disabledTools                | applies to mcp sources only        | no disabledTools
            stdio-missing-command              | $.sources.fs.transport.command                | a stdio transport needs 'command'  | non-empty string
            stdio-with-url                     | $.sources.fs.transport.url                    | does not apply to a stdio transport | only command, args, env
            sse-missing-url                    | $.sources.ev.transport.url                    | an sse transport needs 'url'       | MCP server URL
            http-with-command                  | $.sources.ev.transport.command                | does not apply to a streamable-http | only url, headers, headerSecrets
            mcp-missing-transport              | $.sources.fs.transport                        | an mcp source needs 'transport'    | stdio, sse or streamable-http
            oauth-on-stdio                     | $.sources.fs.oauth                            | not supported on a stdio transport | streamable-http
            oauth-wrong-mode                   | $.sources.s.oauth.mode                        | unsupported MCP oauth mode         | clientCredentials
            oauth-missing-token-url            | $.sources.s.oauth.tokenURL                    | need 'tokenURL'                    | token endpoint
            oauth-owns-authorization           | $.sources.s.transport.headers                 | conflicts with 'oauth'             | no Authorization header
            remote-without-url                 | $.runtime.remote.url                          | needs runtime.remote.url           | URL of the remote runtime
            request-config-path-relative       | $.runtime.remote.requestConfigPath            | is not an absolute path            | an absolute path on the runtime's machine
            provided-token-without-ref         | $.runtime.remote.oauth.tokenRef               | providedToken needs 'tokenRef'     | env:NAME
            oauth-client-incomplete            | $.runtime.remote.oauth.client.clientSecret    | missing 'clientSecret'             | secret reference
            manual-shutdown-terminal           | $.runtime.local.shutdown                      | needs sessionScope 'shared-group'  | when-owner-exits
            oidc-missing-jwks                  | $.runtime.server.auth.jwksURL                 | oidc_jwks needs 'jwksURL'          | non-empty string
            introspection-missing-url          | $.runtime.server.auth.introspectionURL        | oauth2_introspection needs 'introspectionURL' | non-empty string
            introspection-without-client       | $.runtime.server.auth.clientSecret            | missing 'clientSecret'             | secret reference
            revocation-check-incomplete        | $.runtime.server.auth.revocationCheck.introspectionURL | revocationCheck needs 'introspectionURL' | introspection endpoint
            revocation-check-on-introspection  | $.runtime.server.auth.revocationCheck         | applies only to validationProfile oidc_jwks | no revocationCheck
            scope-claim-bad-path               | $.runtime.server.auth.scopeClaims[1]          | is not a dotted claim path         | realm_access.roles
            tenant-template-without-tenants    | $.runtime.server.auth.allowedTenants          | allowedTenants names none          | the tenant ids (tid) to accept
            tenants-without-template           | $.runtime.server.auth.allowedTenants          | only to an issuer with the {tenantid} template | {tenantid}/v2.0
            grant-map-bad-target               | $.runtime.server.auth.grantMap.Helpdesk-Agents[1] | is not a runtime grant | bundle:<serviceId>
            clock-skew-negative                | $.runtime.server.auth.clockSkewSeconds        | value -1 is out of range           | an integer between 0 and 3600
            failure-audit-zero-window          | $.runtime.server.auth.failureAudit.windowSeconds | value 0 is out of range         | an integer between 1 and 86400
            legacy-mode-conflict               | $.runtime.server.auth.mode                    | contradicts validationProfile 'oidc_jwks' | not both
            secret-exec-without-command        | $.secrets.vault.command                       | an exec secret needs 'command'     | non-empty array
            secret-env-without-value           | $.secrets.token.value                         | an env secret needs 'value'        | environment variable
            secret-env-with-command            | $.secrets.token.command                       | applies to exec secrets only       | no command on an env secret
            secret-oauth2-without-mode         | $.secrets.idp.mode                            | an oauth2 secret needs 'mode'      | clientCredentials, authorizationCode
            secret-oauth2-cc-without-token-url | $.secrets.idp.tokenURL                        | needs 'tokenURL' or 'issuer'       | token endpoint
            refresh-negative                   | $.sources.orders.refresh.maxAgeSeconds        | value -5 is out of range           | an integer >= 0
            unknown-top-level-key              | $.extra                                       | unknown key 'extra'                | one of the keys: cli, mode, runtime
            unknown-nested-key                 | $.sources.orders.refresh.maxAge               | unknown key 'maxAge'               | one of the keys: maxAgeSeconds, manualOnly
            bad-enum                           | $.mode.default                                | value "everything" is not allowed  | one of: discover, curated
            wrong-type                         | $.sources.orders.enabled                      | wrong type: found a string         | true or false
            missing-cli                        | $.cli                                         | missing required key 'cli'         | a non-empty string
            no-sources                         | $.sources                                     | must have at least one entry       | at least one entry
            mcp-server-missing-command         | $.mcpServers.fs.command                       | a stdio MCP server needs 'command'  | non-empty string
            empty-uri                          | $.sources.orders.uri                          | must not be empty                  | a non-empty string
            mode-without-default               | $.mode.default                                | missing required key 'default'     | one of: discover, curated
            server-auth-without-profile        | $.runtime.server.auth.validationProfile       | needs 'validationProfile'          | oidc_jwks, oauth2_introspection
            mcp-server-without-type            | $.mcpServers.x.type                           | cannot tell the transport          | type stdio (with command)
            mcp-server-name-clash              | $.mcpServers.orders                           | share the name 'orders'            | not already used in sources
            """)
    void invalidFixtureIsReportedAtItsPath(String fixture, String path, String message, String expected) {
        Path project = ConfigFixtures.copy("invalid/" + fixture + ".cli.json", root.resolve("project/.cli.json"));

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error).as("loading %s should fail", fixture).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.CONFIG);
        assertThat(error.code()).isEqualTo("invalid_config");
        assertThat(error.items()).as(describe(error)).anySatisfy(item -> {
            assertThat(item.file()).isEqualTo(project.toString());
            assertThat(item.path()).isEqualTo(path);
            assertThat(item.message()).contains(message);
            assertThat(item.expected()).contains(expected);
        });
    }

    @Test
    void aKeyBrokenTwiceIsReportedOnce() {
        Path project = ConfigFixtures.copy("invalid/empty-uri.cli.json", root.resolve("project/.cli.json"));

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).extracting(ProblemItem::path).containsExactly("$.sources.orders.uri");
    }

    @Test
    void everyProblemOfAFileIsReportedTogether() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), """
                {"cli": "1", "mode": {"default": "nope"}, "extra": true,
                 "sources": {"a": {"type": "openapi", "uri": "a.yaml", "enabled": "yes"}}}
                """);

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).extracting(ProblemItem::path)
                .containsExactlyInAnyOrder("$.mode.default", "$.extra", "$.sources.a.enabled");
        assertThat(error.getMessage()).isEqualTo("3 problems");
    }

    @Test
    void invalidJsonNamesFileLineAndColumn() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), "{\n  \"cli\": \"1\",\n  \"mode\": {\"default\" \"discover\"}\n}\n");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        ProblemItem item = error.items().get(0);
        assertThat(item.file()).isEqualTo(project.toString());
        assertThat(item.message()).contains("line 3, column 22");
        assertThat(item.expected()).isEqualTo("':' after the key");
    }

    @Test
    void aMissingCommaIsNamedWithoutTheFilesBytes() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), "{\n  \"cli\": \"1\"\n  \"mode\": {}\n}\n");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).singleElement().satisfies(item -> {
            assertThat(item.describe()).isEqualTo(project + ": $: not well-formed JSON at line 3, column 3 (expected: ',' or '}')");
        });
        assertThat(error.detail()).isEqualTo("1 problem");
    }

    @Test
    void aNumberTooLargeForItsFieldIsLocatedWithoutParserText() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), """
                {"cli": "1", "mode": {"default": "discover"},
                 "sources": {"a": {"type": "openapi", "uri": "a.yaml"}},
                 "audit": {"rotation": {"maxFileBytes": 99999999999999999999999}}}
                """);

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).singleElement().satisfies(item -> {
            assertThat(item.path()).isEqualTo("$.audit.rotation.maxFileBytes");
            assertThat(item.message()).isEqualTo("number is too large");
            assertThat(item.expected()).isEqualTo("an integer of at most 9223372036854775807");
            assertThat(item.describe()).doesNotContain("Source", "reference chain", "99999");
        });
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), "{\"cli\": \"1\", \"cli\": \"2\"}");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).singleElement().satisfies(item -> {
            assertThat(item.message()).contains("a key appears twice in one object at line 1");
            assertThat(item.expected()).isEqualTo("each key once per object");
        });
    }

    @Test
    void topLevelMustBeAnObject() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), "[1, 2]");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).singleElement()
                .satisfies(i -> assertThat(i.message()).isEqualTo("top level is an array"));
    }

    @Test
    void missingProjectFileIsAConfigErrorNamingIt() {
        Path missing = root.resolve("nowhere/.cli.json");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(missing));

        assertThat(error.items()).singleElement().satisfies(i -> {
            assertThat(i.file()).isEqualTo(missing.toString());
            assertThat(i.message()).isEqualTo("config file not found");
        });
    }

    @Test
    void keysThatAreNotIdentifiersUseBracketPaths() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"),
                ConfigFixtures.minimalWith("\"secrets\": {\"mcp.apiKey\": {\"type\": \"env\"}}"));

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.loaderIn(root).load(project));

        assertThat(error.items()).extracting(ProblemItem::path).containsExactly("$.secrets['mcp.apiKey'].value");
    }

    private static String describe(ConfigException e) {
        StringBuilder sb = new StringBuilder("problems were:");
        e.items().forEach(i -> sb.append("\n  ").append(i.describe()));
        return sb.toString();
    }
}
