package org.opencli.fleet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A fresh oclird for one benchmark run, stopped on close. */
final class BenchDaemon implements AutoCloseable {
    private final Process process;
    private final String url;
    private final String clientKey;

    private BenchDaemon(Process process, String url, String clientKey) {
        this.process = process;
        this.url = url;
        this.clientKey = clientKey;
    }

    static BenchDaemon start(Path root, Path stateDir, Path config) throws Exception {
        Process process = new ProcessBuilder(root.resolve("bin/oclird").toString(), "--state-dir", stateDir.toString(),
                "--instance-id", "bench", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(Files.createDirectories(stateDir).resolve("oclird.log").toFile()).start();
        Path registry = stateDir.resolve("instances/bench/runtime.json");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (Files.isRegularFile(registry)) {
                try {
                    var entry = new ObjectMapper().readTree(registry.toFile());
                    String url = entry.path("url").asText();
                    if (CatalogBench.get(url + "/v1/runtime/info", null).statusCode() == 200) {
                        return new BenchDaemon(process, url, entry.path("clientKey").asText(null));
                    }
                } catch (IOException notYet) {
                    // still starting
                }
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        throw new IllegalStateException("oclird did not start; see " + stateDir.resolve("oclird.log"));
    }

    String url() {
        return url;
    }

    /** The owner key from runtime.json (the bench acts as the daemon's owner, like ocli). */
    String clientKey() {
        return clientKey;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
