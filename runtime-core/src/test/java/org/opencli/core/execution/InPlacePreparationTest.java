package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.auth.Caller;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.json.Json;
import org.opencli.core.secrets.Credentials;

/**
 * A warm execution prepares on the caller's thread when nothing it needs would block (config and
 * catalog confirmed fresh within the file-check window, credentials from env or literals), else on
 * the engine's workers; the answer is delivered on the executor the caller names.
 */
class InPlacePreparationTest {
    @TempDir
    java.nio.file.Path dir;
    ExecFixture f;
    final List<String> lookupThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        f = new ExecFixture(dir);
        f.envLookup = name -> {
            lookupThreads.add(Thread.currentThread().getName());
            return f.env.get(name);
        };
        f.env.put("TOKEN", "tok-1");
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"TOKEN\"}}");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void withinTheWindowAWarmExecutionPreparesOnTheCallersThread() {
        f.fileCheckInterval = Duration.ofMinutes(10);
        f.run(f.call("exec:bearerOnly")); // cold: config read and catalog built on a worker
        f.run(f.call("exec:bearerOnly"));
        String caller = Thread.currentThread().getName();
        assertThat(lookupThreads).hasSize(2);
        assertThat(lookupThreads.get(0)).startsWith("ocli-exec");
        assertThat(lookupThreads.get(1)).isEqualTo(caller);
        assertThat(f.server.last().header("Authorization")).isEqualTo("Bearer tok-1");
    }

    @Test
    void withoutAWindowEveryExecutionPreparesOnAWorker() {
        f.run(f.call("exec:bearerOnly"));
        f.run(f.call("exec:bearerOnly"));
        assertThat(lookupThreads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("ocli-exec"));
    }

    @Test
    void theAnswerIsDeliveredOnTheExecutorTheCallerNames() {
        f.fileCheckInterval = Duration.ofMinutes(10);
        AtomicInteger handOffs = new AtomicInteger();
        ExecuteResult result = f.engine().execute(f.call("exec:bearerOnly").build(), Caller.anonymous(), task -> {
            handOffs.incrementAndGet();
            task.run();
        }).toCompletableFuture().join();
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(handOffs).hasValue(1);
    }

    @Test
    void onlyEnvAndLiteralSecretsCountAsResolvableInMemory() throws Exception {
        Tool tool = f.engine().effectiveCatalog(new CatalogQuery(dir.resolve(".cli.json").toString(), null, null))
                .catalog().tool("exec:bearerOnly").orElseThrow();
        Credentials credentials = new Credentials(null);
        assertThat(credentials.resolvesInMemory(tool, Map.of("bearerAuth", secret("{\"type\":\"env\",\"value\":\"T\"}")))).isTrue();
        assertThat(credentials.resolvesInMemory(tool, Map.of())).isTrue(); // missing: refused without any I/O
        assertThat(credentials.resolvesInMemory(tool, Map.of("bearerAuth", secret("{\"type\":\"file\",\"value\":\"t.txt\"}")))).isFalse();
        assertThat(credentials.resolvesInMemory(tool, Map.of("exec.bearerAuth",
                secret("{\"type\":\"exec\",\"command\":[\"/bin/echo\",\"x\"]}")))).isFalse();
        assertThat(credentials.resolvesInMemory(tool, Map.of("bearerAuth", secret("{\"type\":\"osKeychain\",\"value\":\"k\"}")))).isFalse();
    }

    private static SecretConfig secret(String json) throws Exception {
        return Json.MAPPER.readValue(json, SecretConfig.class);
    }
}
