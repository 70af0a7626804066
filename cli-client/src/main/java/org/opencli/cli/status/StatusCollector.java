package org.opencli.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencli.cli.CliException;
import org.opencli.cli.auth.RemoteAuth;
import org.opencli.cli.commands.ProjectConfig;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.runtime.HttpRuntimeClient;
import org.opencli.cli.runtime.RequestTarget;
import org.opencli.cli.runtime.RuntimeProbe;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.core.auth.client.TokenSet;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

/**
 * Gathers a {@link StatusReport} without changing anything: no daemon is started, no engine built,
 * nobody signed in. A live local daemon is asked for its info and catalog (it keeps the catalog
 * warm); a remote runtime only for its public info; otherwise the catalog copy kept on disk counts.
 * A runtime that does not answer is reported, never thrown.
 */
public final class StatusCollector {
    private final RuntimeResolver resolver;
    private final GlobalOptions options;

    public StatusCollector(RuntimeResolver resolver, GlobalOptions options) {
        this.resolver = resolver;
        this.options = options;
    }

    public StatusReport collect() {
        RuntimeProbe probe = RuntimeProbe.of(resolver, options);
        ConfigFacts config = config(probe.configPath());
        Answer info = info(probe);
        Optional<Catalog> catalog = catalog(probe);
        StatusReport.Health health = switch (probe.kind()) {
            case EMBEDDED -> new StatusReport.Health("embedded", "the engine runs inside each ocli call: no daemon to reach");
            default -> probe.daemonNotRunning()
                    ? new StatusReport.Health("not-running", "no local daemon is running for instance " + probe.instanceId()
                            + "; the next call that needs a runtime starts one (status starts none)")
                    : info.json() != null
                            ? new StatusReport.Health("ok", "answers /v1/runtime/info (contract " + info.json().path("contractVersion").asText("?") + ")")
                    : new StatusReport.Health("down", info.problem());
        };
        return new StatusReport(runtime(probe, info), probe.instanceId(), probe.stateRoot().toString(), config.report(),
                sources(config, catalog), tools(catalog), auth(probe), audit(probe), health);
    }

    /** A runtime's JSON answer, or why there is none. */
    private record Answer(JsonNode json, String problem) {
        static Answer of(java.util.function.Supplier<JsonNode> call) {
            try {
                return new Answer(call.get(), null);
            } catch (CliException e) {
                return new Answer(null, e.problem().detail());
            }
        }
    }

    private static StatusReport.Runtime runtime(RuntimeProbe probe, Answer info) {
        JsonNode lifecycle = info.json() == null ? null : info.json().get("lifecycle");
        Long pid = probe.daemon().map(e -> e.pid())
                .orElse(lifecycle != null && lifecycle.hasNonNull("pid") ? lifecycle.get("pid").asLong() : null);
        return switch (probe.kind()) {
            case EMBEDDED -> new StatusReport.Runtime("embedded", null, null, probe.choice().reason(), null, null);
            case LOCAL_DAEMON -> new StatusReport.Runtime("local-daemon", probe.choice().url(), pid, probe.choice().reason(),
                    !probe.daemonNotRunning(), lifecycle);
            case REMOTE -> new StatusReport.Runtime("remote", probe.choice().url(), pid, probe.choice().reason(), info.json() != null, lifecycle);
        };
    }

    /** The runtime's public info; a URL that is no URL is reported like a runtime that does not answer. */
    private static Answer info(RuntimeProbe probe) {
        if (probe.kind() == RuntimeProbe.Kind.EMBEDDED || probe.daemonNotRunning()) return new Answer(null, null);
        return Answer.of(() -> probe.publicClient().orElseThrow().runtimeInfo());
    }

    /** The config as reported, and as loaded when it loaded. */
    private record ConfigFacts(StatusReport.Config report, ProjectConfig.Loaded loaded) {
        static ConfigFacts missing(String path, String problem) {
            return new ConfigFacts(new StatusReport.Config(path, null, List.of(), problem), null);
        }
    }

    private static ConfigFacts config(Path path) {
        if (path == null) return ConfigFacts.missing(null, "no .cli.json given or found");
        if (!Files.isRegularFile(path)) return ConfigFacts.missing(path.toString(), "no file at " + path);
        try {
            ProjectConfig.Loaded loaded = ProjectConfig.load(path);
            return new ConfigFacts(new StatusReport.Config(path.toString(), loaded.client() ? "client" : "project",
                    loaded.config().files().stream().map(Path::toString).toList(), null), loaded);
        } catch (OcliException e) {
            return ConfigFacts.missing(path.toString(), e.getMessage() + " (see 'ocli config validate')");
        }
    }

    /**
     * Sources by type: a project config's own (enabled ones), else — a client config, whose runtime
     * serves its own config — those of the catalog the runtime sent.
     */
    private static Map<String, Integer> sources(ConfigFacts config, Optional<Catalog> catalog) {
        Map<String, Integer> byType = new TreeMap<>();
        if (config.loaded() != null && !config.loaded().client()) {
            Map<String, SourceConfig> sources = config.loaded().config().config().sources();
            if (sources != null) {
                sources.values().stream().filter(s -> !Boolean.FALSE.equals(s.enabled()))
                        .forEach(s -> byType.merge(String.valueOf(s.type()), 1, Integer::sum));
            }
            return byType;
        }
        catalog.ifPresent(c -> c.json().path("catalog").path("sources").forEach(s -> byType.merge(s.path("type").asText("?"), 1, Integer::sum)));
        return byType;
    }

    /** A catalog answer and where it came from ({@code daemon} or {@code kept copy}). */
    private record Catalog(JsonNode json, String from) {
    }

    /** The catalog: a live local daemon's answer (its catalog is kept warm), else the copy kept on disk. */
    private Optional<Catalog> catalog(RuntimeProbe probe) {
        Optional<HttpRuntimeClient> daemon = probe.kind() == RuntimeProbe.Kind.LOCAL_DAEMON ? probe.client(resolver) : Optional.empty();
        if (daemon.isPresent()) {
            RequestTarget target = RuntimeResolver.target(probe.choice(), probe.configPath());
            Answer answer = Answer.of(() -> daemon.get().catalog(target.config(),
                    target.mode(options.mode), target.agentProfile(options.agentProfile, options.mode)));
            if (answer.json() != null) return Optional.of(new Catalog(answer.json(), "daemon"));
        }
        return resolver.keptCatalog(options).flatMap(StatusCollector::parse).map(json -> new Catalog(json, "kept copy"));
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static StatusReport.Tools tools(Optional<Catalog> catalog) {
        if (catalog.isEmpty()) {
            return new StatusReport.Tools(null, null, "none");
        }
        JsonNode view = catalog.get().json().path("view");
        return new StatusReport.Tools(view.path("tools").size(), view.path("name").asText(null), catalog.get().from());
    }

    private StatusReport.Auth auth(RuntimeProbe probe) {
        switch (probe.kind()) {
            case EMBEDDED:
                return new StatusReport.Auth("not needed (embedded engine)", null, null, null, null);
            case LOCAL_DAEMON:
                if (probe.daemonNotRunning()) return new StatusReport.Auth("owner key (runtime.json, once the daemon runs)", null, null, null, null);
                boolean key = probe.daemon().map(e -> e.clientKey() != null).orElse(false);
                return new StatusReport.Auth(key ? "owner key (runtime.json)" : "runtime auth (no owner key)", null,
                        key ? probe.layout().registryFile().toString() : null, null, null);
            default:
                try {
                    return remoteAuth();
                } catch (CliException e) {
                    return new StatusReport.Auth("unusable credentials: " + e.problem().detail(), null, null, null, null);
                }
        }
    }

    /** What {@code ocli auth status} knows, from the sign-in cache or the configured token, never the network. */
    private StatusReport.Auth remoteAuth() {
        RemoteAuth auth = resolver.remoteAuth(options);
        Optional<TokenSet> login = auth.cachedSignIn();
        String source = auth.credentialSource();
        String state = login.isPresent() ? "signed in" : source.equals("none") ? "not signed in" : "credentials configured";
        return new StatusReport.Auth(state, auth.mode(), source, login.map(TokenSet::principal).orElse(null),
                login.map(t -> t.expiresAt() <= 0 ? null : Instant.ofEpochSecond(t.expiresAt()).toString()).orElse(null));
    }

    private static StatusReport.Audit audit(RuntimeProbe probe) {
        return switch (probe.kind()) {
            case REMOTE -> new StatusReport.Audit(null, "kept by the runtime at " + probe.choice().url() + " ('ocli audit list')");
            case LOCAL_DAEMON -> new StatusReport.Audit(probe.daemon().map(e -> e.auditPath()).filter(p -> p != null && !p.isBlank())
                    .orElse(probe.layout().defaultAuditPath().toString()), "written by the daemon");
            case EMBEDDED -> new StatusReport.Audit(probe.layout().defaultAuditPath().toString(), "written by the embedded engine");
        };
    }
}
