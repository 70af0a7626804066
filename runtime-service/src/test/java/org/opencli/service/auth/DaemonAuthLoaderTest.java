package org.opencli.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;

/** Startup: auth is read from the daemon's config; a config that asks for auth but cannot be honoured stops the daemon. */
class DaemonAuthLoaderTest {
    @TempDir
    Path dir;

    static final String SOURCES = "\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"},"
            + " \"sources\": {\"a\": {\"type\": \"openapi\", \"uri\": \"./a.yaml\"}}";

    ConfigLoader loader() {
        return new ConfigLoader(new ConfigScopes(dir.resolve("managed.json"), dir.resolve("user.json")));
    }

    Path config(String json) throws Exception {
        Path p = dir.resolve(".cli.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void noConfigOrNoAuthBlockMeansAuthOff() throws Exception {
        assertThat(DaemonAuthLoader.load(null, loader(), Clock.systemUTC()).enabled()).isFalse();
        assertThat(DaemonAuthLoader.load(dir.resolve("absent.json"), loader(), Clock.systemUTC()).enabled()).isFalse();
        assertThat(DaemonAuthLoader.load(config("{" + SOURCES + "}"), loader(), Clock.systemUTC()).enabled()).isFalse();
        // an invalid config without auth is left for requests to report, as before
        assertThat(DaemonAuthLoader.load(config("{\"cli\": \"1.0.0\"}"), loader(), Clock.systemUTC()).enabled()).isFalse();
    }

    @Test
    void authBlockEnablesAuth() throws Exception {
        DaemonAuth auth = DaemonAuthLoader.load(config("{" + SOURCES + ", \"runtime\": {\"server\": {\"auth\": {"
                + "\"validationProfile\": \"oidc_jwks\", \"issuer\": \"https://idp\", \"jwksURL\": \"http://127.0.0.1:9/jwks\","
                + " \"audience\": \"oclird\"}}}}"), loader(), Clock.systemUTC());
        assertThat(auth.enabled()).isTrue();
        assertThat(auth.validator()).isNotNull();
        assertThat(auth.config().clockSkew()).isEqualTo(30);
    }

    @Test
    void invalidConfigThatAsksForAuthRefusesToStart() throws Exception {
        Path p = config("{" + SOURCES + ", \"runtime\": {\"server\": {\"auth\": {\"validationProfile\": \"oidc_jwks\"}}}}");
        assertThatThrownBy(() -> DaemonAuthLoader.load(p, loader(), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runtime.server.auth")
                .hasMessageContaining("jwksURL");
    }

    @Test
    void unresolvableIntrospectionSecretRefusesToStart() throws Exception {
        Path p = config("{" + SOURCES + ", \"runtime\": {\"server\": {\"auth\": {\"validationProfile\": \"oauth2_introspection\","
                + " \"audience\": \"oclird\", \"introspectionURL\": \"http://127.0.0.1:9/introspect\","
                + " \"clientId\": {\"type\": \"literal\", \"value\": \"oclird\"},"
                + " \"clientSecret\": {\"type\": \"env\", \"value\": \"OCLIRD_TEST_UNSET_SECRET_42\"}}}}}");
        assertThatThrownBy(() -> DaemonAuthLoader.load(p, loader(), Clock.systemUTC()))
                .hasMessageContaining("OCLIRD_TEST_UNSET_SECRET_42");
    }
}
