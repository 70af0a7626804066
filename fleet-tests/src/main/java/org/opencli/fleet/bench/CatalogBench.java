package org.opencli.fleet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * make bench-catalog: cold catalog build of a large OpenAPI description in a fresh oclird, as a
 * ratio to a cold plain Jackson parse of the same file in a fresh JVM (both measured in this run),
 * plus warm {@code GET /v1/catalog/effective} latency. Usage: CatalogBench REPO_ROOT OPENAPI_FILE.
 */
public final class CatalogBench {
    private static final int COLD_RUNS = 3;
    private static final int WARM_REQUESTS = 50;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path openapi = Path.of(args[1]).toAbsolutePath();
        Path work = Files.createDirectories(root.resolve("target/bench/catalog"));
        Path config = work.resolve(".cli.json");
        Files.writeString(config, "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"github\":{\"type\":\"openapi\",\"uri\":\"" + openapi + "\"}},"
                + "\"services\":{\"github\":{\"source\":\"github\"}}}");

        List<Double> jackson = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) jackson.add(jacksonParseMillis(openapi));

        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        int tools = -1;
        for (int i = 0; i < COLD_RUNS; i++) {
            try (BenchDaemon daemon = BenchDaemon.start(root, work.resolve("state-" + i), config)) {
                String url = daemon.url() + "/v1/catalog/effective";
                long start = System.nanoTime();
                HttpResponse<String> first = get(url, daemon.clientKey());
                cold.add((System.nanoTime() - start) / 1e6);
                if (first.statusCode() != 200) throw new IllegalStateException("catalog failed: " + first.body());
                tools = countTools(first.body());
                if (i == COLD_RUNS - 1) {
                    for (int r = 0; r < WARM_REQUESTS; r++) {
                        long s = System.nanoTime();
                        HttpResponse<String> response = get(url, daemon.clientKey());
                        warm.add((System.nanoTime() - s) / 1e6);
                        if (response.statusCode() != 200) throw new IllegalStateException("warm request failed");
                    }
                }
            }
        }
        double jacksonMs = Stats.median(jackson);
        double coldMs = Stats.median(cold);
        double ratio = coldMs / jacksonMs;
        System.out.printf("bench-catalog: %s (%,d bytes), %d tools%n", openapi.getFileName(), Files.size(openapi), tools);
        System.out.printf("  plain Jackson parse, fresh JVM (median of %d): %8.1f ms%n", COLD_RUNS, jacksonMs);
        System.out.printf("  cold catalog build in oclird  (median of %d): %8.1f ms%n", COLD_RUNS, coldMs);
        System.out.printf("  ratio cold build / Jackson parse:              %8.2fx (target <= 3x: %s)%n", ratio, ratio <= 3 ? "met" : "NOT met");
        System.out.printf("  warm GET /v1/catalog/effective (%d requests): p50 %.1f ms, p99 %.1f ms%n",
                WARM_REQUESTS, Stats.median(warm), Stats.percentile(warm, 99));
    }

    private static double jacksonParseMillis(Path file) throws Exception {
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder("java", "-cp", cp, JacksonParse.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("baseline failed");
        return Double.parseDouble(out);
    }

    private static int countTools(String body) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("catalog").path("tools").size();
    }

    static HttpResponse<String> get(String url, String clientKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
        if (clientKey != null) request.header("Authorization", "Bearer " + clientKey);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
