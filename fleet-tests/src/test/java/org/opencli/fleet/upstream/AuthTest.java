package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthTest extends RunningUpstream {
    private static final UpstreamCredentials EXPECTED = UpstreamCredentials.defaults();

    private HttpResponse<String> get(String path, String header, String value) throws Exception {
        return client.send(client.request(path).header(header, value).GET().build());
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertPassed(HttpResponse<String> response, String... schemes) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = UpstreamClient.json(response);
        assertThat(body.path("authenticated").asBoolean()).isTrue();
        assertThat(body.path("schemes")).extracting(JsonNode::asText).containsExactly(schemes);
        assertThat(response.body()).as("never echoes a secret")
                .doesNotContain(EXPECTED.bearerToken(), EXPECTED.basicPassword(), EXPECTED.apiKey(), EXPECTED.sessionCookie());
    }

    private static void assertRefused(HttpResponse<String> response, String challengeStart) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith(challengeStart));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void bearer() throws Exception {
        assertPassed(get("/api/secure/bearer", "Authorization", "Bearer " + EXPECTED.bearerToken()), "bearerAuth");
        assertRefused(client.get("/api/secure/bearer"), "Bearer realm=");
        HttpResponse<String> wrong = get("/api/secure/bearer", "Authorization", "Bearer nope");
        assertRefused(wrong, "Bearer realm=");
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertRefused(get("/api/secure/bearer", "Authorization", basic(EXPECTED.basicPair())), "Bearer");
    }

    @Test
    void basic() throws Exception {
        assertPassed(get("/api/secure/basic", "Authorization", basic("alice:wonderland")), "basicAuth");
        assertRefused(client.get("/api/secure/basic"), "Basic realm=");
        assertRefused(get("/api/secure/basic", "Authorization", basic("alice:wrong")), "Basic");
        assertRefused(get("/api/secure/basic", "Authorization", "Basic !!!not-base64"), "Basic");
    }

    @Test
    void apiKeyInHeader() throws Exception {
        assertPassed(get("/api/secure/apikey-header", "X-API-Key", EXPECTED.apiKey()), "apiKeyHeader");
        assertRefused(client.get("/api/secure/apikey-header"), "ApiKey");
        assertRefused(get("/api/secure/apikey-header", "X-API-Key", "wrong"), "ApiKey");
        assertRefused(client.get("/api/secure/apikey-header?api_key=" + EXPECTED.apiKey()), "ApiKey");
    }

    @Test
    void apiKeyInQuery() throws Exception {
        assertPassed(client.get("/api/secure/apikey-query?api_key=" + EXPECTED.apiKey()), "apiKeyQuery");
        assertRefused(client.get("/api/secure/apikey-query"), "ApiKey");
        assertRefused(client.get("/api/secure/apikey-query?api_key=wrong"), "ApiKey");
        assertRefused(get("/api/secure/apikey-query", "X-API-Key", EXPECTED.apiKey()), "ApiKey");
    }

    @Test
    void apiKeyInCookie() throws Exception {
        assertPassed(get("/api/secure/apikey-cookie", "Cookie", "theme=dark; session=" + EXPECTED.sessionCookie()), "apiKeyCookie");
        assertRefused(client.get("/api/secure/apikey-cookie"), "ApiKey");
        assertRefused(get("/api/secure/apikey-cookie", "Cookie", "session=wrong"), "ApiKey");
        assertRefused(get("/api/secure/apikey-cookie", "Cookie", "other=" + EXPECTED.sessionCookie()), "ApiKey");
    }

    @Test
    void bothNeedsBearerAndApiKey() throws Exception {
        HttpResponse<String> both = client.send(client.request("/api/secure/both")
                .header("Authorization", "Bearer " + EXPECTED.bearerToken()).header("X-API-Key", EXPECTED.apiKey()).GET().build());
        assertPassed(both, "bearerAuth", "apiKeyHeader");
        assertRefused(get("/api/secure/both", "Authorization", "Bearer " + EXPECTED.bearerToken()), "ApiKey");
        assertRefused(get("/api/secure/both", "X-API-Key", EXPECTED.apiKey()), "Bearer");
    }

    @Test
    void expectedSecretsAreConfigurable() throws Exception {
        try (TestUpstream custom = TestUpstream.start(0, EXPECTED.withBearerToken("other-token").withApiKey("other-key"))) {
            UpstreamClient customClient = new UpstreamClient(custom);
            HttpResponse<String> withDefault = customClient.send(customClient.request("/api/secure/bearer")
                    .header("Authorization", "Bearer " + EXPECTED.bearerToken()).GET().build());
            assertThat(withDefault.statusCode()).isEqualTo(401);
            HttpResponse<String> withCustom = customClient.send(customClient.request("/api/secure/bearer")
                    .header("Authorization", "Bearer other-token").GET().build());
            assertThat(withCustom.statusCode()).isEqualTo(200);
            assertThat(customClient.get("/api/secure/apikey-query?api_key=other-key").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownSecurePathIs404() throws Exception {
        assertThat(client.get("/api/secure/nothing").statusCode()).isEqualTo(404);
    }
}
