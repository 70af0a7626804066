package org.opencli.fleet.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.opencli.fleet.FreePort;
import org.opencli.fleet.Processes;

/**
 * A real Prometheus (Debian's {@code prometheus} package, {@code /usr/bin/prometheus}) scraping
 * one target every second, with its config, data and log in a directory of the lane's own, on a
 * loopback port picked free; stopped (and waited for) on close. The target's bearer credential, when
 * given, is in a file only the owner can read, as Prometheus' {@code credentials_file} wants it.
 */
public final class PrometheusFixture implements AutoCloseable {
    /** Prometheus' location; {@code OCLI_PROMETHEUS} overrides it. */
    static final String BINARY = System.getenv().getOrDefault("OCLI_PROMETHEUS", "/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusFixture(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /**
     * Starts Prometheus in {@code dir} scraping {@code http://<target><metricsPath>} every second
     * ({@code bearer} null: no Authorization header) and waits until it is ready.
     */
    public static PrometheusFixture start(Path dir, String target, String metricsPath, String bearer)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: oclird
                    metrics_path: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(metricsPath, target));
        if (bearer != null) {
            Path credentials = dir.resolve("bearer");
            Files.writeString(credentials, bearer);
            Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
            config.append("    authorization:\n      type: Bearer\n      credentials_file: ").append(credentials).append('\n');
        }
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        int port = FreePort.pick();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(BINARY, "--config.file=" + configFile, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--log.level=info"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusFixture prometheus = new PrometheusFixture(process, "http://127.0.0.1:" + port, log);
        try {
            prometheus.awaitReady();
            return prometheus;
        } catch (IOException | RuntimeException | InterruptedException e) {
            prometheus.close();
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public Path log() {
        return log;
    }

    /** The sum of an instant query's samples now; empty when it has none (not scraped yet) or failed. */
    public OptionalDouble query(String promql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) return OptionalDouble.empty();
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) return OptionalDouble.empty();
        JsonNode result = body.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) return OptionalDouble.empty();
        double sum = 0;
        for (JsonNode sample : result) sum += Double.parseDouble(sample.path("value").path(1).asText("NaN"));
        return OptionalDouble.of(sum);
    }

    /**
     * Polls {@code promql} until it equals {@code expected} or {@code limit} passes (each scrape is a
     * second apart); the last value seen, or empty if there never was one.
     */
    public OptionalDouble awaitValue(String promql, double expected, Duration limit) throws IOException, InterruptedException {
        return await(promql, v -> v == expected, limit);
    }

    /** As {@link #awaitValue}, until the value meets {@code wanted}. */
    public OptionalDouble await(String promql, DoublePredicate wanted, Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        OptionalDouble last = OptionalDouble.empty();
        while (true) {
            last = query(promql);
            if (last.isPresent() && wanted.test(last.getAsDouble())) return last;
            if (Instant.now().isAfter(deadline) || !process.isAlive()) return last;
            process.waitFor(200, TimeUnit.MILLISECONDS); // a poll interval that also notices Prometheus dying
        }
    }

    /** The target's health as Prometheus last saw it ({@code up}, {@code down}, {@code unknown}) and its last error. */
    public String targetHealth() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/targets"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode active = JSON.readTree(response.body()).path("data").path("activeTargets");
        if (!active.isArray() || active.isEmpty()) return "unknown";
        JsonNode t = active.get(0);
        return t.path("health").asText("unknown") + (t.path("lastError").asText("").isEmpty() ? "" : " (" + t.path("lastError").asText() + ")");
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) return;
            } catch (IOException notListeningYet) {
                // poll again
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("prometheus was not ready within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
