package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.discovery.MutableClock;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

/**
 * One test's world: a recording upstream, our OpenAPI fixture pointing at it, a project config,
 * a managed scope, an env map, a movable clock, and an engine wired to a durable audit store.
 */
final class ExecFixture implements AutoCloseable {
    final Path dir;
    final RecordingServer server;
    final Map<String, String> env = new HashMap<>();
    java.util.function.Function<String, String> envLookup = env::get;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ExecutionSettings limits = ExecutionSettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    /** EngineSettings.fileCheckInterval (ZERO: files looked at on every request, as in embedded mode). */
    Duration fileCheckInterval = Duration.ZERO;
    java.util.function.Function<String, List<String>> keychainArgv = v -> List.of("secret-tool", "lookup", "service", v);
    /** Who signs in for interactive oauth2 authorizationCode secrets; null = nobody (like a daemon). */
    org.opencli.core.secrets.InteractiveAuthorizer authorizer;
    /** Who watches the engine's steps (set before the engine is first used). */
    org.opencli.core.observe.EngineObserver observer = org.opencli.core.observe.EngineObserver.NONE;
    private RuntimeEngine engine;

    ExecFixture(Path dir) {
        this.dir = dir;
        try {
            this.server = new RecordingServer();
            try (InputStream in = getClass().getResourceAsStream("/execution/exec.openapi.yaml")) {
                String doc = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("BASE", server.base());
                Files.writeString(dir.resolve("exec.openapi.yaml"), doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config("");
    }

    private Path auditOverride;

    Path auditFile() {
        return auditOverride != null ? auditOverride : dir.resolve("state/audit.log");
    }

    /** Writes audit to {@code file} instead (before the engine is first used). */
    ExecFixture auditAt(Path file) {
        this.auditOverride = file;
        return this;
    }

    private String baseUrlOverride;
    private String extraTopLevel = "";

    /** The project config with extra top-level members (secrets, policy, agents, ...). */
    ExecFixture config(String extraTopLevel) {
        this.extraTopLevel = extraTopLevel;
        String extra = extraTopLevel.isBlank() ? "" : ", " + extraTopLevel;
        String service = baseUrlOverride == null ? "" : ", \"baseURL\": \"" + baseUrlOverride + "\"";
        write(dir.resolve(".cli.json"), "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"},"
                + " \"sources\": {\"testApi\": {\"type\": \"openapi\", \"uri\": \"./exec.openapi.yaml\"}},"
                + " \"services\": {\"exec\": {\"source\": \"testApi\"" + service + "}}"
                + extra + "}");
        return this;
    }

    /** services.exec.baseURL */
    ExecFixture baseUrl(String url) {
        this.baseUrlOverride = url;
        return config(extraTopLevel);
    }

    ExecFixture managed(String json) {
        write(dir.resolve("managed/.cli.json"), json);
        return this;
    }

    RuntimeEngine engine() {
        if (engine == null) {
            EngineSettings settings = new EngineSettings(null, false, "t1", dir.resolve("state"), dir.resolve("state/cache"),
                    auditFile(), "embedded", clock, fileCheckInterval);
            ConfigLoader loader = new ConfigLoader(new ConfigScopes(dir.resolve("managed/.cli.json"), dir.resolve("user/.cli.json")));
            engine = new RuntimeEngine(settings, loader, DocumentFetchers.standard(dir.resolve("state/cache"), clock),
                    ExecutionSetup.defaults().withAudit(new DurableAuditLog(auditFile(),
                            AuditSettings.defaults().withRetryIntervalMs(20), "t1", clock)).withExecution(limits)
                            .withEnv(envLookup).withKeychainArgv(keychainArgv).withInteractiveAuthorizer(authorizer)
                            .withObserver(observer));
        }
        return engine;
    }

    Call call(String toolId) {
        return new Call(toolId);
    }

    ExecuteResult run(Call call) {
        try {
            return engine().execute(call.build()).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    ExecuteResult runAs(Call call, org.opencli.core.auth.Caller caller) {
        try {
            return engine().execute(call.build(), caller).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    OcliException failureAs(Call call, org.opencli.core.auth.Caller caller) {
        try {
            runAs(call, caller);
        } catch (OcliException e) {
            return e;
        }
        throw new AssertionError("expected " + call.toolId + " to fail");
    }

    /** The engine's failure of {@code call}, which must come within {@code seconds} (a hung call fails the test). */
    OcliException failureWithin(int seconds, Call call) {
        try {
            engine().execute(call.build()).toCompletableFuture().orTimeout(seconds, java.util.concurrent.TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).as("failed by the engine, not by the test's bound").isInstanceOf(OcliException.class);
            return (OcliException) e.getCause();
        }
        throw new AssertionError("expected " + call.toolId + " to fail");
    }

    OcliException failure(Call call) {
        try {
            run(call);
        } catch (OcliException e) {
            return e;
        }
        throw new AssertionError("expected " + call.toolId + " to fail");
    }

    List<JsonNode> auditLines() {
        try {
            if (!Files.exists(auditFile())) return List.of();
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(auditFile())) out.add(Json.MAPPER.readTree(line));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode lastAudit() {
        List<JsonNode> lines = auditLines();
        assertThat(lines).isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    String auditText() {
        try {
            return Files.exists(auditFile()) ? Files.readString(auditFile()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (engine != null) engine.close();
        server.close();
    }

    /** A request under construction. */
    final class Call {
        final String toolId;
        List<String> args = new ArrayList<>();
        Map<String, JsonNode> flags = new LinkedHashMap<>();
        JsonNode body;
        String bodyType;
        boolean approval;
        boolean dryRun;
        boolean raw;
        String profile;
        String mode;

        Call(String toolId) {
            this.toolId = toolId;
        }

        Call args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        Call flag(String name, String value) {
            flags.put(name, TextNode.valueOf(value));
            return this;
        }

        Call flagJson(String name, String json) {
            flags.put(name, json(json));
            return this;
        }

        Call body(JsonNode b) {
            body = b;
            return this;
        }

        Call bodyType(String t) {
            bodyType = t;
            return this;
        }

        Call approve() {
            approval = true;
            return this;
        }

        Call dryRun() {
            dryRun = true;
            return this;
        }

        Call raw() {
            raw = true;
            return this;
        }

        Call profile(String p) {
            profile = p;
            return this;
        }

        ExecuteRequest build() {
            return new ExecuteRequest(dir.resolve(".cli.json").toString(), mode, profile, toolId, args, flags, body,
                    bodyType, approval, dryRun, raw);
        }
    }
}
