package org.opencli.cli.runtime;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.auth.EnvCredentials;
import org.opencli.cli.auth.RemoteAuth;
import org.opencli.cli.auth.RemoteCredentials;
import org.opencli.cli.auth.RemoteOAuthSettings;
import org.opencli.cli.demo.DemoEnvironment;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.core.auth.client.TokenCache;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.instance.CacheLocation;
import org.opencli.core.instance.InstanceId;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/**
 * Decides which runtime a command talks to (docs/cli.md, "Runtime resolution"):
 * {@code --demo}/{@code --embedded} → config {@code runtime.mode} (embedded, or remote's URL) →
 * {@code --runtime} → {@code OCLI_RUNTIME_URL} → the instance's live registry entry → with a config,
 * a managed local daemon started on demand ({@link ManagedDaemon}) → embedded. A local daemon is
 * attached to with one heartbeat ({@link DaemonAttach}).
 */
public final class RuntimeResolver {
    /** Named, not referenced: the engine is linked only when embedded mode is actually chosen. */
    static final String EMBEDDED_CLIENT = "org.opencli.cli.runtime.EmbeddedRuntimeClient";
    public static final String ENV_RUNTIME_URL = "OCLI_RUNTIME_URL";
    public static final String ENV_INSTANCE_ID = "OCLI_INSTANCE_ID";
    /** The reason of a choice made from the instance's registry entry: a local daemon for this config. */
    static final String REGISTRY = "registry";
    /** Part of every reason naming a managed local daemon chosen (or started) by runtime.mode. */
    static final String LOCAL_DAEMON = "local daemon";

    private final Map<String, String> env;
    private final Path cwd;

    public RuntimeResolver(Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd;
    }

    /** The directory relative paths on the command line are resolved against. */
    public Path cwd() {
        return cwd;
    }

    public static RuntimeResolver standard() {
        return new RuntimeResolver(System.getenv(), Path.of("").toAbsolutePath());
    }

    public ResolvedRuntime resolve(GlobalOptions options) {
        Path stateRoot = StateLayout.defaultStateRoot(options.stateDir);
        if (options.demo) {
            DemoEnvironment demo = DemoEnvironment.start(stateRoot.resolve("demo"));
            String instanceId = InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), demo.configPath());
            try {
                return new ResolvedRuntime(embedded(demo.configPath(), instanceId, stateRoot, cacheDir(options, instanceId)), "--demo",
                        demo.configPath(), RequestTarget.localConfig(demo.configPath()), instanceId, stateRoot, demo);
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
        }
        Path configPath = configPath(options);
        String instanceId = InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), configPath);
        Supplier<Optional<String>> registry = registryLookup(stateRoot, instanceId);
        RuntimeChoice choice = throughLiveDaemon(choose(options, configPath, registry), registry);
        Path cacheDir = cacheDir(options, instanceId);
        if (choice.startsDaemon() || localDaemon(choice)) {
            choice = attachLocal(choice, configPath, new StateLayout(stateRoot, instanceId), cacheDir);
        }
        RuntimeClient client = choice.embedded()
                ? embedded(configPath, instanceId, stateRoot, cacheDir)
                : new HttpRuntimeClient(choice.url(), bearer(choice, configPath, stateRoot, instanceId),
                        CatalogCopies.forInstance(stateRoot, instanceId));
        return new ResolvedRuntime(client, choice.reason(), configPath, target(choice, configPath), instanceId, stateRoot, null);
    }

    /**
     * A local daemon for this instance: started now when {@code choice} asks for one (none was live),
     * then attached to with one heartbeat, which may replace a managed daemon serving an older config.
     */
    private RuntimeChoice attachLocal(RuntimeChoice choice, Path configPath, StateLayout layout, Path cacheDir) {
        ManagedDaemon managed = configPath == null ? null : ManagedDaemon.launcher(env)
                .map(launcher -> new ManagedDaemon(launcher, configPath, layout, cacheDir)).orElse(null);
        if (choice.startsDaemon()) {
            if (managed == null) {
                throw new CliException(ExitCodes.NOT_FOUND, "local_runtime_unavailable", "No local runtime",
                        "runtime.mode is local but ocli does not know where oclird is: set " + ManagedDaemon.LAUNCHER_ENV
                                + " to the path of bin/oclird (bin/ocli sets it itself), or set runtime.mode embedded");
            }
            ManagedDaemon.Running running = managed.ensure();
            choice = RuntimeChoice.http(running.entry().url(), running.started() ? "started " + choice.reason() : REGISTRY);
        }
        return new DaemonAttach(configPath, layout, managed).attach(choice);
    }

    /** A daemon found through the instance's registry or started for it: sent the config path, the owner key, a heartbeat. */
    static boolean localDaemon(RuntimeChoice choice) {
        return !choice.embedded() && (choice.reason().startsWith(REGISTRY) || choice.reason().contains(LOCAL_DAEMON));
    }

    /**
     * The catalog a call with these options last received from its runtime (or computed with the
     * embedded engine, {@code --demo} included), as kept on disk ({@link CatalogCopies}), found
     * without contacting, resolving credentials for or starting any runtime, and without building
     * a catalog: for shell completion. Empty when no copy is kept.
     */
    public Optional<byte[]> keptCatalog(GlobalOptions options) {
        Path stateRoot = StateLayout.defaultStateRoot(options.stateDir);
        Path configPath = options.demo ? DemoEnvironment.configFile(stateRoot.resolve("demo")) : configPath(options);
        String instanceId = InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), configPath);
        Supplier<Optional<String>> registry = registryLookup(stateRoot, instanceId);
        RuntimeChoice choice = throughLiveDaemon(choose(options, configPath, registry), registry);
        if (choice.embedded() && configPath == null) return Optional.empty();
        RequestTarget target = target(choice, configPath);
        String mode = target.mode(options.mode);
        String profile = target.agentProfile(options.agentProfile, options.mode);
        CatalogCopies copies = CatalogCopies.forInstance(stateRoot, instanceId);
        Optional<CatalogCopies.Copy> exact = choice.embedded()
                ? copies.read(CatalogCopies.embeddedKey(target.config(), mode, profile))
                : choice.startsDaemon() ? Optional.empty()
                : copies.latest(CatalogCopies.context(choice.url(), target.config(), mode, profile));
        // the line being completed may not repeat the options of the call that fetched the catalog
        // (ocli --runtime URL catalog list, then ocli he<TAB>): offer what this instance last received
        return exact.or(copies::latest).map(CatalogCopies.Copy::body);
    }

    /**
     * The embedded engine and a local daemon found through the registry (registered for this very
     * config) are sent the local config path, as always. Any other runtime is remote: it serves its
     * own config (a path of ours means nothing on its machine, and a runtime with auth refuses it as
     * config_pinned), so it is sent only runtime.remote.requestConfigPath, and the client config's
     * mode/profile choices as parameters.
     */
    public static RequestTarget target(RuntimeChoice choice, Path configPath) {
        if (choice.embedded() || localDaemon(choice)) return RequestTarget.localConfig(configPath);
        return RequestTarget.remote(ConfigRuntimeChoice.read(configPath));
    }

    /**
     * The sign-in for the remote runtime these options point at ({@code ocli auth ...}); a usage
     * error when they point at the embedded engine, which needs no token.
     */
    public RemoteAuth remoteAuth(GlobalOptions options) {
        Path stateRoot = StateLayout.defaultStateRoot(options.stateDir);
        Path configPath = configPath(options);
        String instanceId = InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), configPath);
        RuntimeChoice choice = choose(options, configPath, registryLookup(stateRoot, instanceId));
        if (choice.embedded() || choice.startsDaemon()) {
            throw new CliException(ExitCodes.USAGE, "no_remote_runtime", "No remote runtime",
                    "signing in needs a remote runtime: set runtime.mode \"remote\" and runtime.remote.url in .cli.json, "
                            + "or pass --runtime URL (or set " + ENV_RUNTIME_URL + ")");
        }
        return new RemoteAuth(choice.url(), credentials(choice, configPath), baseDir(configPath), env, stateRoot);
    }

    /**
     * Where the audit trail of the runtime these options point at lives, decided without starting an
     * engine (reading the trail must not open, and so recover, the store it reads).
     */
    public AuditLocation auditLocation(GlobalOptions options) {
        Path stateRoot = StateLayout.defaultStateRoot(options.stateDir);
        Path configPath = options.demo ? null : configPath(options);
        String instanceId = InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), configPath);
        StateLayout layout = new StateLayout(stateRoot, instanceId);
        Optional<RegistryEntry> live = new RuntimeRegistry(layout.registryFile()).readLive();
        Path local = live.map(RegistryEntry::auditPath).filter(p -> p != null && !p.isBlank()).map(Path::of)
                .orElse(layout.defaultAuditPath());
        RuntimeChoice choice = choose(options, configPath, () -> live.map(RegistryEntry::url));
        // a daemon not started yet has written nothing: its trail is the instance's files
        return new AuditLocation(!choice.embedded() && !choice.startsDaemon(), choice.url(), local, instanceId);
    }

    /**
     * How to get a token for the chosen runtime: environment beats file beats nothing.
     * <ul>
     *   <li>The environment's credentials ({@link EnvCredentials}) go to the chosen runtime unless
     *       {@code OCLI_RUNTIME_URL} names a different one (they are then meant for that one), and
     *       never to a local daemon found through the registry.</li>
     *   <li>The config's oauth block describes how to reach runtime.remote.url: a token for that
     *       runtime is not sent to a different one (a local daemon, another --runtime). Without a
     *       configured URL the block applies to whichever runtime was chosen.</li>
     * </ul>
     */
    RemoteCredentials credentials(RuntimeChoice choice, Path configPath) {
        if (choice.embedded() || localDaemon(choice)) return RemoteCredentials.NONE;
        Optional<RemoteCredentials> fromEnv = EnvCredentials.read(env);
        String envUrl = env.get(ENV_RUNTIME_URL);
        if (fromEnv.isPresent() && (!notBlank(envUrl) || trim(envUrl).equals(trim(choice.url())))) return fromEnv.get();
        RemoteCredentials fromConfig = RemoteOAuthSettings.credentials(configPath);
        if (fromConfig.oauth() == null) return RemoteCredentials.NONE;
        String configured = ConfigRuntimeChoice.read(configPath).remoteUrl();
        return configured == null || trim(configured).equals(trim(choice.url())) ? fromConfig : RemoteCredentials.NONE;
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }

    /**
     * A bearer for calls to {@code url}: a live local daemon's owner key when one registered at that
     * URL (checked first, so a CI token or a sign-in meant for a remote runtime never goes to a
     * loopback port); else the credentials from the environment or config, or a cached sign-in for
     * this runtime; else none (and no OAuth class is loaded).
     */
    BearerSource bearer(RuntimeChoice choice, Path configPath, Path stateRoot, String instanceId) {
        BearerSource ownerKey = LocalDaemonKey.forUrl(choice.url(), stateRoot, instanceId);
        if (ownerKey != null) return ownerKey;
        RemoteCredentials credentials = credentials(choice, configPath);
        if (credentials.oauth() == null && !Files.isRegularFile(TokenCache.forUser(stateRoot).file(choice.url()))) return null;
        return new RemoteAuth(choice.url(), credentials, baseDir(configPath), env, stateRoot);
    }

    private Path baseDir(Path configPath) {
        return configPath != null ? configPath.getParent() : cwd;
    }

    /**
     * False when nothing points at a catalog (no demo, no config, no runtime anywhere): then there
     * is no catalog to build service commands from, and no engine should be started to find that out.
     */
    public boolean hasCatalogSource(GlobalOptions options) {
        if (options.demo) return true;
        Path configPath = configPath(options);
        if (configPath != null) return true;
        Path stateRoot = StateLayout.defaultStateRoot(options.stateDir);
        String instanceId = InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), null);
        return !choose(options, null, registryLookup(stateRoot, instanceId)).reason().equals("auto");
    }

    private static Supplier<Optional<String>> registryLookup(Path stateRoot, String instanceId) {
        return () -> new RuntimeRegistry(new StateLayout(stateRoot, instanceId).registryFile()).readLive().map(RegistryEntry::url);
    }

    /**
     * An instance's audit trail has one writer: while the instance's daemon is live, a call asked to
     * run embedded ({@code --embedded}, {@code runtime.mode embedded}) goes through that daemon
     * instead of opening the trail beside it (docs/audit.md, "One writer").
     */
    static RuntimeChoice throughLiveDaemon(RuntimeChoice choice, Supplier<Optional<String>> registryUrl) {
        if (!choice.embedded() || choice.reason().equals("auto") || choice.reason().equals("--demo")) return choice;
        return registryUrl.get().map(url -> RuntimeChoice.http(url, "registry (" + choice.reason()
                + " asked for embedded, but the instance's daemon is live and writes its audit trail)")).orElse(choice);
    }

    /** The resolution order itself, free of side effects apart from asking {@code registryUrl}. */
    public RuntimeChoice choose(GlobalOptions options, Path configPath, Supplier<Optional<String>> registryUrl) {
        if (options.demo) return RuntimeChoice.embedded("--demo");
        if (options.embedded) return RuntimeChoice.embedded("--embedded");
        ConfigRuntimeChoice fromConfig = ConfigRuntimeChoice.read(configPath);
        if ("embedded".equals(fromConfig.mode())) return RuntimeChoice.embedded("config runtime.mode");
        if ("remote".equals(fromConfig.mode())) {
            if (fromConfig.remoteUrl() == null) {
                throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                        "runtime.mode is remote but no runtime.remote.url is set",
                        List.of(new ProblemItem(String.valueOf(configPath), "$.runtime.remote.url",
                                "missing", "the remote runtime's URL")));
            }
            return RuntimeChoice.http(fromConfig.remoteUrl(), "config runtime.remote.url");
        }
        if ("local".equals(fromConfig.mode())) {
            return registryUrl.get().map(url -> RuntimeChoice.http(url, REGISTRY))
                    .orElseGet(() -> RuntimeChoice.startLocal(LOCAL_DAEMON + " (runtime.mode local)"));
        }
        if (notBlank(options.runtimeUrl)) return RuntimeChoice.http(options.runtimeUrl, "--runtime");
        String fromEnv = env.get(ENV_RUNTIME_URL);
        if (notBlank(fromEnv)) return RuntimeChoice.http(fromEnv, ENV_RUNTIME_URL);
        Optional<String> registered = registryUrl.get();
        if (registered.isPresent()) return RuntimeChoice.http(registered.get(), REGISTRY);
        if (configPath == null || fromConfig.remoteUrl() != null) return RuntimeChoice.embedded("auto");
        if (ManagedDaemon.launcher(env).isEmpty()) return RuntimeChoice.embedded("auto (no oclird launcher)");
        return RuntimeChoice.startLocal(LOCAL_DAEMON + " (runtime.mode auto)");
    }

    /** The instance id for {@code configPath}: {@code --instance-id}, else {@code OCLI_INSTANCE_ID}, else derived from the path. */
    public String instanceId(GlobalOptions options, Path configPath) {
        return InstanceId.resolve(options.instanceId, env.get(ENV_INSTANCE_ID), configPath);
    }

    /** {@code --config} (must exist), else the nearest {@code .cli.json} upwards from the cwd, else null. */
    public Path configPath(GlobalOptions options) {
        if (notBlank(options.config)) {
            Path explicit = cwd.resolve(options.config).toAbsolutePath().normalize();
            if (!Files.isRegularFile(explicit)) {
                throw new CliException(ExitCodes.USAGE, "config_not_found", "Config not found", "no config file at " + explicit);
            }
            return explicit;
        }
        return ConfigDiscovery.discover(cwd).orElse(null);
    }

    /** The instance's cache directory, one rule for the embedded engine and the daemons ocli starts (CacheLocation). */
    private Path cacheDir(GlobalOptions options, String instanceId) {
        return CacheLocation.resolve(null, options.stateDir, instanceId, env::get, System.getProperty("user.home"));
    }

    static RuntimeClient embedded(Path configPath, String instanceId, Path stateRoot, Path cacheDir) {
        try {
            Class<?> type = Class.forName(EMBEDDED_CLIENT);
            return (RuntimeClient) type.getConstructor(Path.class, String.class, Path.class, Path.class)
                    .newInstance(configPath, instanceId, stateRoot, cacheDir);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("cannot start the embedded runtime", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CliException(ExitCodes.INTERNAL, "embedded_unavailable", "Embedded runtime unavailable",
                    "this build of ocli cannot run the engine in-process: " + e);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
