package org.opencli.cli.runtime;

import java.nio.file.Path;

/**
 * The runtime a command talks to and why it was chosen.
 *
 * @param client     the runtime
 * @param reason     which resolution step chose it (e.g. {@code --runtime}, {@code registry}, {@code auto})
 * @param configPath the local project (or client) config, or null when none was given or found
 * @param target     what each request names: config path sent (if any), mode and profile defaults
 * @param instanceId the resolved instance id
 * @param stateRoot  the state root
 * @param resource   something to close with the runtime (the demo upstream), or null
 */
public record ResolvedRuntime(RuntimeClient client, String reason, Path configPath, RequestTarget target,
        String instanceId, Path stateRoot, AutoCloseable resource) implements AutoCloseable {

    public boolean embedded() {
        return "embedded".equals(client.location());
    }

    @Override
    public void close() {
        try {
            client.close();
            if (resource != null) resource.close();
        } catch (Exception ignored) {
            // closing at exit; nothing useful to report
        }
    }
}
