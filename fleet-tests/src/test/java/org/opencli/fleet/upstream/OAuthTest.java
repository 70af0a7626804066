package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OAuthTest extends RunningUpstream {
    private static final UpstreamCredentials EXPECTED = UpstreamCredentials.defaults();

    private HttpResponse<String> oauthCall(String token) throws Exception {
        return client.send(client.request("/api/secure/oauth").header("Authorization", "Bearer " + token).GET().build());
    }

    @Test
    void clientCredentialsInFormIssueATokenTheApiAccepts() throws Exception {
        HttpResponse<String> response = client.postForm("/oauth/token",
                "grant_type=client_credentials&client_id=" + EXPECTED.clientId() + "&client_secret=" + EXPECTED.clientSecret()
                        + "&scope=tickets.read");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode token = UpstreamClient.json(response);
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asInt()).isPositive();
        assertThat(token.path("scope").asText()).isEqualTo("tickets.read");
        String accessToken = token.path("access_token").asText();
        assertThat(accessToken).isNotBlank();

        HttpResponse<String> secured = oauthCall(accessToken);
        assertThat(secured.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(secured).path("schemes").get(0).asText()).isEqualTo("oauth");
    }

    @Test
    void clientCredentialsInBasicAuthWork() throws Exception {
        String basic = Base64.getEncoder().encodeToString((EXPECTED.clientId() + ":" + EXPECTED.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(client.request("/oauth/token")
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(oauthCall(UpstreamClient.json(response).path("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongClientAndWrongGrantAreRefused() throws Exception {
        HttpResponse<String> wrongSecret = client.postForm("/oauth/token",
                "grant_type=client_credentials&client_id=" + EXPECTED.clientId() + "&client_secret=nope");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(UpstreamClient.json(wrongSecret).path("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> password = client.postForm("/oauth/token",
                "grant_type=password&client_id=" + EXPECTED.clientId() + "&client_secret=" + EXPECTED.clientSecret());
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(UpstreamClient.json(password).path("error").asText()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> noGrant = client.postForm("/oauth/token",
                "client_id=" + EXPECTED.clientId() + "&client_secret=" + EXPECTED.clientSecret());
        assertThat(UpstreamClient.json(noGrant).path("error").asText()).isEqualTo("invalid_request");

        assertThat(client.get("/oauth/token").statusCode()).isEqualTo(405);
    }

    @Test
    void oauthEndpointAcceptsOnlyIssuedTokens() throws Exception {
        HttpResponse<String> notIssued = oauthCall("tu-made-up");
        assertThat(notIssued.statusCode()).isEqualTo(401);
        assertThat(notIssued.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        assertThat(oauthCall(EXPECTED.bearerToken()).statusCode()).as("the static bearer token is not an OAuth token").isEqualTo(401);
        assertThat(client.get("/api/secure/oauth").statusCode()).isEqualTo(401);
    }
}
