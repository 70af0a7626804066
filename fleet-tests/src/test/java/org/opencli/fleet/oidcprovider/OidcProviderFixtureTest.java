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

/**
 * The Entra-shaped provider issues the token shapes the lanes rely on, a person can approve a device
 * code in the headless browser, and its RFC 8693 exchange writes (and nests) {@code act}.
 */
class OidcProviderFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    private static final String AGENT_1 = "agent-one";
    private static final String AGENT_2 = "agent-two";
    private static final String AGENT_SECRET = "agent-secret-not-real";
    @TempDir
    static Path dir;
    static OidcProviderFixture idp;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize();
        idp = OidcProviderFixture.start(root, dir, EntraShaped.setup().agentClient(AGENT_1, AGENT_SECRET).agentClient(AGENT_2, AGENT_SECRET));
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
        JsonNode claims = OidcProviderFixture.payload(userToken(EntraShaped.issuer(idp, EntraShaped.TENANT_A)));
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

    @Test
    void tokenExchangeWritesActAndNestsTheSubjectTokensAct() throws Exception {
        String issuer = EntraShaped.issuer(idp, EntraShaped.TENANT_A);
        String user = userToken(issuer);
        HttpResponse<String> first = idp.tokenExchange(issuer, AGENT_1, AGENT_SECRET, Map.of("subject_token", user,
                "subject_token_type", ACCESS_TOKEN, "audience", EntraShaped.APP_ID));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("issued_token_type").asText()).isEqualTo(ACCESS_TOKEN);
        String delegated = JSON.readTree(first.body()).path("access_token").asText();
        JsonNode claims = OidcProviderFixture.payload(delegated);
        assertThat(claims.path("act").toString()).isEqualTo("{\"sub\":\"" + AGENT_1 + "\"}");
        assertThat(claims.path("azp").asText()).isEqualTo(AGENT_1);
        assertThat(claims.path("iss").asText()).isEqualTo(issuer);
        assertThat(claims.path("aud").asText()).isEqualTo(EntraShaped.APP_ID);
        assertThat(claims.path("oid").asText()).isEqualTo(EntraShaped.USER_OID);
        assertThat(claims.path("scp").asText()).isEqualTo(EntraShaped.SCOPE_READ);
        assertThat(claims.path("tid").asText()).isEqualTo(EntraShaped.TENANT_A);

        HttpResponse<String> second = idp.tokenExchange(issuer, AGENT_2, AGENT_SECRET, Map.of("subject_token", delegated,
                "subject_token_type", ACCESS_TOKEN));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode chained = OidcProviderFixture.payload(JSON.readTree(second.body()).path("access_token").asText());
        assertThat(chained.path("act").toString())
                .isEqualTo("{\"sub\":\"" + AGENT_2 + "\",\"act\":{\"sub\":\"" + AGENT_1 + "\"}}");
        assertThat(chained.path("oid").asText()).isEqualTo(EntraShaped.USER_OID);
    }

    @Test
    void tokenExchangeRefusesWhatRfc8693Refuses() throws Exception {
        String issuer = EntraShaped.issuer(idp, EntraShaped.TENANT_A);
        String user = userToken(issuer);
        assertRefused(idp.tokenExchange(issuer, AGENT_1, AGENT_SECRET, Map.of("subject_token_type", ACCESS_TOKEN)),
                400, "invalid_request");
        assertRefused(idp.tokenExchange(issuer, AGENT_1, AGENT_SECRET, Map.of("subject_token", user)), 400, "invalid_request");
        assertRefused(idp.tokenExchange(issuer, AGENT_1, AGENT_SECRET, Map.of("subject_token", "a.b.c",
                "subject_token_type", ACCESS_TOKEN)), 400, "invalid_grant");
        // signed by the same key but by another tenant's issuer: not this issuer's token
        assertRefused(idp.tokenExchange(EntraShaped.issuer(idp, EntraShaped.TENANT_B), AGENT_1, AGENT_SECRET,
                Map.of("subject_token", user, "subject_token_type", ACCESS_TOKEN)), 400, "invalid_grant");
        assertRefused(idp.tokenExchange(issuer, AGENT_1, AGENT_SECRET, Map.of("subject_token", user,
                "subject_token_type", ACCESS_TOKEN, "audience", "api://someone-else")), 400, "invalid_target");
        assertRefused(idp.tokenExchange(issuer, AGENT_1, AGENT_SECRET, Map.of("subject_token", user,
                "subject_token_type", ACCESS_TOKEN, "scope", EntraShaped.SCOPE_READ_WRITE)), 400, "invalid_scope");
        assertRefused(idp.tokenExchange(issuer, AGENT_1, "wrong", Map.of("subject_token", user,
                "subject_token_type", ACCESS_TOKEN)), 401, "invalid_client");
        // a client not registered for the grant (the CI app: client credentials only)
        HttpResponse<String> notAllowed = idp.tokenExchange(issuer, EntraShaped.CI_CLIENT, EntraShaped.CI_CLIENT_SECRET,
                Map.of("subject_token", user, "subject_token_type", ACCESS_TOKEN));
        assertThat(notAllowed.statusCode()).as(notAllowed.body()).isEqualTo(400);
        assertThat(notAllowed.body()).doesNotContain("access_token");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo(error);
    }

    /** A device-code token for adele with {@code Helpdesk.Read}, approved in the headless browser. */
    private static String userToken(String issuer) throws Exception {
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
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    private static HttpResponse<String> post(HttpClient http, String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
