package org.opencli.fleet.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A java.net.http client bound to one test upstream, with the few shapes the tests need. */
final class UpstreamClient {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;

    UpstreamClient(TestUpstream upstream) {
        this(upstream.url());
    }

    UpstreamClient(String root) {
        this.root = root;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(root + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> sendJson(String method, String pathAndQuery, String json) throws IOException, InterruptedException {
        return send(request(pathAndQuery).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postForm(String pathAndQuery, String form) throws IOException, InterruptedException {
        return send(request(pathAndQuery).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    JsonNode requestLog() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/_admin/requests");
        if (response.statusCode() != 200) throw new IllegalStateException("request log: " + response.statusCode());
        return json(response);
    }
}
