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
