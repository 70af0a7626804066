package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int PARALLEL = 50;

    @Test
    void fiftyParallelEchoesGetTheirOwnAnswers() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            List<CompletableFuture<HttpResponse<String>>> futures = IntStream.range(0, PARALLEL)
                    .mapToObj(i -> client.http.sendAsync(client.request("/api/echo/n-" + i + "?i=" + i)
                            .header("X-Request-No", String.valueOf(i))
                            .POST(HttpRequest.BodyPublishers.ofString("body-" + i)).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < PARALLEL; i++) {
                JsonNode echo = UpstreamClient.json(futures.get(i).get());
                assertThat(echo.path("path").asText()).isEqualTo("/api/echo/n-" + i);
                assertThat(echo.path("headers").path("x-request-no").asText()).isEqualTo(String.valueOf(i));
                assertThat(echo.path("body").asText()).isEqualTo("body-" + i);
            }
            assertThat(client.requestLog()).hasSize(PARALLEL);
        }
    }

    @Test
    void fiftyParallelCreatesGetDistinctIds() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            List<CompletableFuture<HttpResponse<String>>> futures = IntStream.range(0, PARALLEL)
                    .mapToObj(i -> client.http.sendAsync(client.request("/api/tickets").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t" + i + "\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < PARALLEL; i++) {
                HttpResponse<String> response = futures.get(i).get();
                assertThat(response.statusCode()).isEqualTo(201);
                JsonNode ticket = UpstreamClient.json(response);
                assertThat(ticket.path("title").asText()).isEqualTo("t" + i);
                ids.add(ticket.path("id").asText());
            }
            assertThat(ids).hasSize(PARALLEL);
            assertThat(UpstreamClient.json(client.get("/api/tickets?limit=100")).path("items")).hasSize(PARALLEL);
        }
    }

    @Test
    void slowRequestsOverlapInsteadOfQueueing() throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamClient client = new UpstreamClient(upstream);
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> futures = IntStream.range(0, 20)
                    .mapToObj(i -> client.http.sendAsync(client.request("/api/slow?ms=500").GET().build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            for (CompletableFuture<HttpResponse<String>> f : futures) assertThat(f.get().statusCode()).isEqualTo(200);
            assertThat(elapsedMs).as("20 x 500 ms served in parallel, not 10 s in a row").isLessThan(5000);
        }
    }
}
