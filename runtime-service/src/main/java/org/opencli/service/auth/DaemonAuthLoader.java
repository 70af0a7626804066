package org.opencli.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.opencli.core.auth.TokenValidators;
import org.opencli.core.config.ConfigException;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.PolicyConfig;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.config.ServerAuthConfig;
import org.opencli.core.json.Json;
import org.opencli.core.secrets.SecretEnvironment;
import org.opencli.core.secrets.SecretResolver;

/**
 * Reads {@code runtime.server.auth} from the daemon's config at startup. A config that asks for
 * auth but cannot be loaded stops the daemon (it must never serve unauthenticated by accident);
 * a config without auth that fails to load is left for requests to report, as before.
 */
public final class DaemonAuthLoader {
    private DaemonAuthLoader() {
    }

    public static DaemonAuth load(Path config, ConfigLoader loader, Clock clock) {
        if (config == null || !Files.isRegularFile(config)) return DaemonAuth.off();
        LoadedConfig loaded;
        try {
            loaded = loader.load(config);
        } catch (ConfigException e) {
            if (mentionsServerAuth(config)) {
                String all = e.items().isEmpty() ? e.getMessage()
                        : String.join("; ", e.items().stream().map(org.opencli.core.error.ProblemItem::describe).toList());
                throw new IllegalStateException("oclird: " + config + " sets runtime.server.auth but is invalid: " + all, e);
            }
            return DaemonAuth.off();
        }
        var runtime = loaded.config().runtime();
        ServerAuthConfig auth = runtime == null || runtime.server() == null ? null : runtime.server().auth();
        if (auth == null) return DaemonAuth.off();
        PolicyConfig policy = loaded.config().policy();
        boolean allowExec = policy != null && Boolean.TRUE.equals(policy.allowExecSecrets());
        SecretEnvironment env = new SecretEnvironment(System::getenv, loaded.baseDir(), allowExec, clock, null,
                Duration.ofSeconds(10));
        SecretResolver resolver = new SecretResolver(SecretResolver.osKeychain(), null);
        return new DaemonAuth(auth, TokenValidators.create(auth, ref -> secret(resolver, ref, env), clock));
    }

    private static String secret(SecretResolver resolver, SecretConfig ref, SecretEnvironment env) {
        if ("literal".equals(ref.type())) return ref.value();
        return resolver.resolve("runtime.server.auth", ref, env);
    }

    private static boolean mentionsServerAuth(Path config) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(config));
            return root != null && !root.path("runtime").path("server").path("auth").isMissingNode();
        } catch (IOException | RuntimeException e) {
            return true; // unreadable: cannot tell, so refuse to start rather than risk serving open
        }
    }
}
