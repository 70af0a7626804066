package org.opencli.fleet.oidcprovider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Entra-shaped provider issues the token shapes the lanes rely on, and a person can approve a device code in the headless browser. */
class OidcProviderFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static OidcProviderFixture idp;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize();
        idp = OidcProviderFixture.start(root, dir, EntraShaped.setup());
    }

    @AfterAll
    static void stop() {
        if (idp != null) idp.close();
    }

    @Test
    void clientCredentialsTokenIsEntraShapedWithRoles() throws Exception {
        String issuer = EntraShaped.issuer(idp, EntraShaped.TENANT_A);
        assertThat(idp.discovery(issuer).path("issuer").asText()).isEqualTo(issuer);
        JsonNode response = idp.clientCredentials(issuer, EntraShaped.CI_CLIENT, EntraShaped.CI_CLIENT_SECRET,
                EntraShaped.RESOURCE + "/.default");
        JsonNode claims = OidcProviderFixture.payload(response.path("access_token").asText());
        assertThat(claims.path("iss").asText()).isEqualTo(issuer);
        assertThat(claims.path("aud").asText()).isEqualTo(EntraShaped.APP_ID);
        assertThat(claims.path("tid").asText()).isEqualTo(EntraShaped.TENANT_A);
        assertThat(claims.path("oid").asText()).isEqualTo(EntraShaped.CI_CLIENT_OID);
        assertThat(claims.path("roles").toString()).contains(EntraShaped.ROLE_READ_ALL, EntraShaped.ROLE_AUDITOR);
        assertThat(claims.has("scope")).as("Entra v2 app tokens carry no scope claim").isFalse();
    }

    @Test
    void deviceCodeApprovedInTheBrowserGivesScpUpnAndOid() throws Exception {
        String issuer = EntraShaped.issuer(idp, EntraShaped.TENANT_A);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode started = JSON.readTree(post(http, idp.deviceEndpoint(issuer), Map.of("client_id", EntraShaped.PUBLIC_CLIENT,
                "scope", EntraShaped.RESOURCE + "/" + EntraShaped.SCOPE_READ)).body());
        try (ProviderBrowser phone = new ProviderBrowser()) {
            String page = phone.approveDevice(started.path("verification_uri_complete").asText(), EntraShaped.USER, EntraShaped.USER_PASSWORD);
            assertThat(page).contains("Success");
        }
        Map<String, String> poll = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", started.path("device_code").asText(), "client_id", EntraShaped.PUBLIC_CLIENT);
        HttpResponse<String> token = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> post(http, idp.tokenEndpoint(issuer), poll), r -> r.statusCode() == 200);
        JsonNode claims = OidcProviderFixture.payload(JSON.readTree(token.body()).path("access_token").asText());
        assertThat(claims.path("scp").asText()).isEqualTo(EntraShaped.SCOPE_READ);
        assertThat(claims.path("upn").asText()).isEqualTo(EntraShaped.USER_UPN);
        assertThat(claims.path("oid").asText()).isEqualTo(EntraShaped.USER_OID);
        assertThat(claims.path("tid").asText()).isEqualTo(EntraShaped.TENANT_A);
        assertThat(claims.path("aud").asText()).isEqualTo(EntraShaped.APP_ID);
    }

    @Test
    void aUserOfOneTenantCannotSignInAtAnother() throws Exception {
        String issuer = EntraShaped.issuer(idp, EntraShaped.TENANT_B);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode started = JSON.readTree(post(http, idp.deviceEndpoint(issuer), Map.of("client_id", EntraShaped.PUBLIC_CLIENT,
                "scope", EntraShaped.RESOURCE + "/" + EntraShaped.SCOPE_READ)).body());
        try (ProviderBrowser phone = new ProviderBrowser()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> phone.approveDevice(
                    started.path("verification_uri_complete").asText(), EntraShaped.USER, EntraShaped.USER_PASSWORD))
                    .hasMessageContaining("refused the sign-in");
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
