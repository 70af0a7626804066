package org.opencli.cli.runtime;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.demo.DemoEnvironment;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/**
 * Which runtime a call with these options would use and why, found the way {@link RuntimeResolver}
 * resolves one but without starting a daemon or an engine, signing in or building a catalog: what
 * {@code ocli status} reports and what {@code ocli runtime stop|session-close} act on.
 *
 * @param choice     the resolver's choice (its {@code reason} says why)
 * @param configPath the project or client config, or null when none was given or found
 * @param instanceId the instance id
 * @param stateRoot  the state root
 * @param daemon     the live registry entry of the local daemon at the chosen URL (the instance's
 *                   own, or any under the state root at that URL); empty for embedded and remote runtimes
 */
public record RuntimeProbe(RuntimeChoice choice, Path configPath, String instanceId, Path stateRoot,
        Optional<RegistryEntry> daemon) {

    /** What a status report calls the runtime: in-process, a daemon on this machine, or one elsewhere. */
    public enum Kind { EMBEDDED, LOCAL_DAEMON, REMOTE }

    public static RuntimeProbe of(RuntimeResolver resolver, GlobalOptions options) {
        Path stateRoot = StateLayout.defaultStateRoot(options.stateDir);
        Path configPath = options.demo ? DemoEnvironment.configFile(stateRoot.resolve("demo")) : resolver.configPath(options);
        String instanceId = resolver.instanceId(options, configPath);
        Supplier<Optional<String>> registry = memoized(() -> new RuntimeRegistry(new StateLayout(stateRoot, instanceId).registryFile())
                .readLive().map(RegistryEntry::url));
        RuntimeChoice choice = RuntimeResolver.throughLiveDaemon(resolver.choose(options, configPath, registry), registry);
        Optional<RegistryEntry> daemon = choice.embedded() || choice.startsDaemon() ? Optional.empty()
                : LocalDaemonKey.liveEntry(choice.url(), stateRoot, instanceId);
        return new RuntimeProbe(choice, configPath, instanceId, stateRoot, daemon);
    }

    public Kind kind() {
        if (choice.embedded()) return Kind.EMBEDDED;
        return daemon.isPresent() || choice.startsDaemon() ? Kind.LOCAL_DAEMON : Kind.REMOTE;
    }

    /** A managed local daemon would serve the call, but none is running: the next call that needs a runtime starts one. */
    public boolean daemonNotRunning() {
        return choice.startsDaemon();
    }

    /**
     * A client for the daemon a daemon-only command ({@code ocli runtime stop|session-close}) acts on,
     * with the credentials a call would send; a usage error when there is none: the embedded engine,
     * or a managed daemon not running (nothing is started to find that out).
     */
    public HttpRuntimeClient daemonClient(RuntimeResolver resolver, String command, String nothing) {
        if (choice.startsDaemon()) {
            throw new CliException(ExitCodes.USAGE, "no_daemon", "No daemon", nothing + ": no local daemon is running for instance "
                    + instanceId + " (the next call that needs a runtime starts one; 'ocli status' shows it)");
        }
        return client(resolver).orElseThrow(() -> RuntimeClient.notADaemon(command, nothing));
    }

    /** Where this instance keeps its files. */
    public StateLayout layout() {
        return new StateLayout(stateRoot, instanceId);
    }

    /**
     * A client for the chosen daemon with the credentials a call would send (a local daemon's owner
     * key, else the remote runtime's token); empty for the embedded engine.
     */
    public Optional<HttpRuntimeClient> client(RuntimeResolver resolver) {
        if (choice.embedded() || choice.startsDaemon()) return Optional.empty();
        return Optional.of(new HttpRuntimeClient(choice.url(), resolver.bearer(choice, configPath, stateRoot, instanceId),
                CatalogCopies.forInstance(stateRoot, instanceId)));
    }

    /**
     * A client for the chosen daemon's public endpoints: a local daemon's owner key at most, never a
     * remote runtime's token (getting one may mean a network round trip to an identity provider).
     */
    public Optional<HttpRuntimeClient> publicClient() {
        if (choice.embedded() || choice.startsDaemon()) return Optional.empty();
        return Optional.of(new HttpRuntimeClient(choice.url(), LocalDaemonKey.forUrl(choice.url(), stateRoot, instanceId)));
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
