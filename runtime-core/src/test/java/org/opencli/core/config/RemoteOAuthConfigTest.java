package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code runtime.remote.oauth} (all four modes) and oauth2 authorizationCode secrets: binding and located errors. */
class RemoteOAuthConfigTest {
    @TempDir
    Path root;

    private static String config(String runtimeOrSecrets) {
        return """
                {"cli": "1", "mode": {"default": "discover"},
                 "sources": {"a": {"type": "openapi", "uri": "a.yaml"}}, %s}
                """.formatted(runtimeOrSecrets);
    }

    @Test
    void everyModeBinds() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), config("""
                "runtime": {"mode": "remote", "remote": {"url": "https://r.example", "oauth": {
                  "mode": "deviceCode", "issuer": "https://idp.example/realms/corp", "audience": "oclird",
                  "scopes": ["bundle:upstream"],
                  "browserLogin": {"callbackPort": 0, "authorizationURL": "https://idp.example/auth",
                                   "tokenURL": "https://idp.example/token", "clientId": "ocli"},
                  "deviceCode": {"deviceAuthorizationURL": "https://idp.example/device",
                                 "tokenURL": "https://idp.example/token", "clientId": "ocli"}}}}"""));
        RemoteOAuthConfig oauth = ConfigFixtures.loaderIn(root).load(project).config().runtime().remote().oauth();
        assertThat(oauth.mode()).isEqualTo("deviceCode");
        assertThat(oauth.issuer()).isEqualTo("https://idp.example/realms/corp");
        assertThat(oauth.deviceCode().deviceAuthorizationURL()).isEqualTo("https://idp.example/device");
        assertThat(oauth.browserLogin().clientId()).isEqualTo("ocli");
        assertThat(oauth.browserLogin().callbackPort()).isZero();
    }

    @Test
    void delegationBindsOnBothSides() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), config("""
                "runtime": {"remote": {"url": "https://r.example", "oauth": {"mode": "delegation", "delegation": {
                  "tokenURL": "https://idp.example/token", "clientId": {"type": "literal", "value": "agent"},
                  "clientSecret": {"type": "env", "value": "AGENT_SECRET"}, "subjectTokenRef": "env:USER_TOKEN",
                  "actorTokenRef": "file:agent.jwt", "audience": "oclird", "scopes": ["bundle:upstream"]}}},
                 "server": {"auth": {"validationProfile": "oidc_jwks", "issuer": "https://i", "jwksURL": "https://i/k",
                  "audience": "oclird", "delegation": {"actors": {"agent": ["tool:a:b", "audit:read"]}, "azpAsActor": true}}}}"""));
        var runtime = ConfigFixtures.loaderIn(root).load(project).config().runtime();
        RemoteOAuthConfig.DelegationConfig d = runtime.remote().oauth().delegation();
        assertThat(d.subjectTokenRef()).isEqualTo("env:USER_TOKEN");
        assertThat(d.actorTokenRef()).isEqualTo("file:agent.jwt");
        assertThat(d.clientSecret().value()).isEqualTo("AGENT_SECRET");
        assertThat(d.scopes()).containsExactly("bundle:upstream");
        assertThat(runtime.server().auth().delegation().actors()).containsEntry("agent", java.util.List.of("tool:a:b", "audit:read"));
        assertThat(runtime.server().auth().delegation().clientActs()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "providedToken", "tokenRef": "TOKEN"}}}                  | $.runtime.remote.oauth.tokenRef | has the wrong form | env:NAME
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "deviceCode", "issuer": "idp.example"}}}                 | $.runtime.remote.oauth.issuer   | not an absolute http(s) URL | absolute http(s) URL
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "deviceCode", "deviceCode": {"tokenURL": "/token"}}}}    | $.runtime.remote.oauth.deviceCode.tokenURL | not an absolute http(s) URL | absolute http(s) URL
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "browserLogin", "browserLogin": {"callbackPort": 70000}}}} | $.runtime.remote.oauth.browserLogin.callbackPort | out of range | 65535
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "browserLogin", "browserLogin": {"port": 1}}}}           | $.runtime.remote.oauth.browserLogin.port | unknown key 'port' | callbackPort
                    "secrets": {"idp": {"type": "oauth2", "mode": "authorizationCode", "issuer": "https://i", "clientId": {"type": "literal", "value": "c"}, "redirectURI": "https://evil.example/cb"}} | $.secrets.idp.redirectURI | not a loopback URL | http://127.0.0.1
                    "secrets": {"idp": {"type": "oauth2", "mode": "authorizationCode", "issuer": "https://i"}}                           | $.secrets.idp.clientId | authorizationCode needs 'clientId' | secret reference
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "delegation"}}}                                           | $.runtime.remote.oauth.delegation | mode delegation needs 'delegation' | subjectTokenRef
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "delegation", "delegation": {"clientId": {"type": "literal", "value": "a"}}}}} | $.runtime.remote.oauth.delegation.subjectTokenRef | needs 'subjectTokenRef' | env:NAME
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "delegation", "delegation": {"subjectTokenRef": "env:U"}}}} | $.runtime.remote.oauth.delegation.clientId | missing 'clientId' | secret reference
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "delegation", "delegation": {"clientId": {"type": "literal", "value": "a"}, "subjectTokenRef": "eyJraw"}}}} | $.runtime.remote.oauth.delegation.subjectTokenRef | wrong form | env:NAME
                    "runtime": {"remote": {"url": "https://r", "oauth": {"mode": "delegation", "delegation": {"clientId": {"type": "literal", "value": "a"}, "subjectTokenRef": "env:U", "tokenURL": "/t"}}}} | $.runtime.remote.oauth.delegation.tokenURL | not an absolute http(s) URL | absolute http(s) URL
                    "runtime": {"server": {"auth": {"validationProfile": "oidc_jwks", "issuer": "https://i", "jwksURL": "https://i/k", "audience": "a", "delegation": {"actors": {"bot": ["bundle:x", "everything"]}}}}} | $.runtime.server.auth.delegation.actors.bot[1] | is not a runtime grant | bundle:<serviceId>
                    "runtime": {"server": {"auth": {"validationProfile": "oidc_jwks", "issuer": "https://i", "jwksURL": "https://i/k", "audience": "a", "delegation": {"actors": {"bot": "bundle:x"}}}}} | $.runtime.server.auth.delegation.actors.bot | wrong type | an array of strings
                    """)
    void badRemoteOAuthIsReportedAtItsPath(String fragment, String path, String message, String expected) {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), config(fragment));
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.loaderIn(root).load(project));
        assertThat(error).isNotNull();
        assertThat(error.items()).anySatisfy(item -> {
            assertThat(item.file()).isEqualTo(project.toString());
            assertThat(item.path()).isEqualTo(path);
            assertThat(item.message()).contains(message);
            assertThat(item.expected()).contains(expected);
        });
    }
}
