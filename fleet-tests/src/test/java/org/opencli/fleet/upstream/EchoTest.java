package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EchoTest extends RunningUpstream {
    @Test
    void echoesMethodPathQueryHeadersAndBody() throws Exception {
        HttpResponse<String> response = client.send(client.request("/api/echo/items/a%2Fb%20c?tag=x&tag=y&q=hello%20world")
                .header("Authorization", "Bearer secret-1")
                .header("Cookie", "session=s-1")
                .header("X-Custom", "v")
                .header("Content-Type", "application/json")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = UpstreamClient.json(response);
        assertThat(echo.path("method").asText()).isEqualTo("PUT");
        assertThat(echo.path("rawPath").asText()).isEqualTo("/api/echo/items/a%2Fb%20c");
        assertThat(echo.path("path").asText()).isEqualTo("/api/echo/items/a/b c");
        assertThat(echo.path("query").path("tag")).extracting(JsonNode::asText).containsExactly("x", "y");
        assertThat(echo.path("query").path("q").get(0).asText()).isEqualTo("hello world");
        assertThat(echo.path("headers").path("authorization").asText()).isEqualTo("Bearer secret-1");
        assertThat(echo.path("headers").path("cookie").asText()).isEqualTo("session=s-1");
        assertThat(echo.path("headers").path("x-custom").asText()).isEqualTo("v");
        assertThat(echo.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(Base64.getDecoder().decode(echo.path("bodyBase64").asText())).isEqualTo("{\"a\":1}".getBytes());
    }

    @Test
    void binaryBodiesSurviveInBase64() throws Exception {
        byte[] bytes = {0, (byte) 0xff, 0x10, (byte) 0x80};
        HttpResponse<String> response = client.send(client.request("/api/echo/upload")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(Base64.getDecoder().decode(UpstreamClient.json(response).path("bodyBase64").asText())).isEqualTo(bytes);
    }

    @Test
    void anyMethodIsEchoed() throws Exception {
        for (String method : new String[] {"GET", "DELETE", "PATCH", "OPTIONS"}) {
            HttpResponse<String> response = client.send(client.request("/api/echo/m")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertThat(UpstreamClient.json(response).path("method").asText()).isEqualTo(method);
        }
    }
}
