package org.opencli.core.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;

/** An engine over one config file in {@code dir}, recording its audit records in memory. */
final class McpEngineFixture implements AutoCloseable {
    final Path config;
    final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    final RuntimeEngine engine;

    McpEngineFixture(Path dir, String configJson) throws IOException {
        this(dir, configJson, Map.of());
    }

    McpEngineFixture(Path dir, String configJson, Map<String, String> env) throws IOException {
        this(dir, configJson, env, org.opencli.core.observe.EngineObserver.NONE);
    }

    McpEngineFixture(Path dir, String configJson, Map<String, String> env, org.opencli.core.observe.EngineObserver observer)
            throws IOException {
        config = dir.resolve(".cli.json");
        Files.writeString(config, configJson);
        EngineSettings settings = new EngineSettings(config, false, "test", dir.resolve("state"), dir.resolve("state/cache"),
                null, "embedded", Clock.systemUTC());
        ConfigLoader loader = new ConfigLoader(new ConfigScopes(dir.resolve("managed.json"), dir.resolve("user.json")));
        AuditSink sink = record -> {
            audit.add(record);
            return CompletableFuture.completedFuture(null);
        };
        engine = new RuntimeEngine(settings, loader, DocumentFetchers.standard(dir.resolve("state/cache"), Clock.systemUTC()),
                ExecutionSetup.defaults().withAudit(sink).withEnv(name -> env.getOrDefault(name, System.getenv(name)))
                        .withObserver(observer));
    }

    @Override
    public void close() {
        engine.close();
    }
}
