package org.opencli.cli.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/**
 * The owner key of a local daemon, sent as its bearer: a loopback daemon without runtime auth serves
 * only whoever can read its owner-only {@code runtime.json}. Found for a runtime URL by the
 * instance's own registry entry, else by any entry under the state root with that URL (a daemon
 * named by {@code --runtime URL}); only entries whose daemon is alive, so a crashed instance's stale
 * entry at a reused address never wins. Only for loopback URLs: a key never leaves the machine.
 */
final class LocalDaemonKey implements BearerSource {
    private final String key;

    private LocalDaemonKey(String key) {
        this.key = key;
    }

    /** The key for {@code url}, or null when no local daemon registered at that URL uses one. */
    static BearerSource forUrl(String url, Path stateRoot, String instanceId) {
        return liveEntry(url, stateRoot, instanceId).map(RegistryEntry::clientKey).filter(k -> k != null && !k.isBlank())
                .map(LocalDaemonKey::new).orElse(null);
    }

    /**
     * The live registry entry of the local daemon at {@code url}: the instance's own, else any under
     * the state root with that URL; empty for a non-loopback URL.
     */
    static Optional<RegistryEntry> liveEntry(String url, Path stateRoot, String instanceId) {
        URI target = uri(url);
        if (target == null || !isLoopback(target.getHost())) return Optional.empty();
        Optional<RegistryEntry> own = new RuntimeRegistry(new StateLayout(stateRoot, instanceId).registryFile()).read();
        return own.filter(e -> sameRuntime(e, target) && RuntimeRegistry.isLive(e)).or(() -> anyInstance(stateRoot, target));
    }

    @Override
    public String token() {
        return key;
    }

    @Override
    public String mode() {
        return "clientKey";
    }

    private static Optional<RegistryEntry> anyInstance(Path stateRoot, URI target) {
        Path instances = stateRoot.resolve("instances");
        if (!Files.isDirectory(instances)) return Optional.empty();
        try (Stream<Path> dirs = Files.list(instances)) {
            return dirs.limit(1000).map(d -> new RuntimeRegistry(d.resolve("runtime.json")).read())
                    .flatMap(Optional::stream).filter(e -> sameRuntime(e, target) && RuntimeRegistry.isLive(e)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean sameRuntime(RegistryEntry entry, URI target) {
        URI registered = uri(entry.url());
        return registered != null && registered.getPort() == target.getPort()
                && host(registered).equals(host(target)) && "http".equalsIgnoreCase(registered.getScheme())
                        == "http".equalsIgnoreCase(target.getScheme());
    }

    /** localhost and 127.0.0.1 name the same daemon. */
    private static String host(URI uri) {
        String h = uri.getHost();
        return h.equalsIgnoreCase("localhost") ? "127.0.0.1" : h.replaceAll("^\\[|]$", "");
    }

    private static URI uri(String url) {
        try {
            URI uri = url == null ? null : URI.create(url.replaceAll("/+$", ""));
            return uri == null || uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.replaceAll("^\\[|]$", "");
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }
}
