package org.opencli.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What {@code ocli status} reports (its JSON shape): the runtime a call would use and why, the
 * instance, config files, sources by type, tool count of the selected view, sign-in, audit trail and
 * whether the runtime answers. Absent facts are null, never guessed.
 */
public record StatusReport(Runtime runtime, String instanceId, String stateDir, Config config, Map<String, Integer> sources,
        Tools tools, Auth auth, Audit audit, Health health) {

    /**
     * @param kind      {@code embedded}, {@code local-daemon} or {@code remote}
     * @param reason    the resolver's reason for the choice ({@code --runtime}, {@code registry}, {@code auto}, ...)
     * @param running   whether a daemon process is there (null for the embedded engine)
     * @param lifecycle the {@code lifecycle} block of the runtime's info, when it sent one
     */
    public record Runtime(String kind, String url, Long pid, String reason, Boolean running, JsonNode lifecycle) {
    }

    /** @param problem why the config could not be loaded (null when it loaded) */
    public record Config(String path, String kind, List<String> files, String problem) {
    }

    /**
     * @param from where the count comes from: {@code daemon} (a live local daemon's answer), {@code kept copy}
     *             (the last catalog answer kept on disk, see docs/cli.md "Catalog copies"), {@code none} (none yet)
     */
    public record Tools(Integer count, String view, String from) {
    }

    /**
     * @param state            {@code not needed}, {@code owner key}, {@code signed in}, {@code not signed in}, ...
     * @param credentialSource as {@code ocli auth status} shows it (remote runtimes)
     */
    public record Auth(String state, String mode, String credentialSource, String principal, String expiresAt) {
    }

    /** @param path the local trail (null when the remote runtime keeps it); {@code where} says which */
    public record Audit(String path, String where) {
    }

    /**
     * @param state {@code ok} (answers /v1/runtime/info), {@code down} (does not), {@code not-running} (a managed
     *              local daemon would serve the call, none runs) or {@code embedded}; {@code detail} says what was seen
     */
    public record Health(String state, String detail) {
    }
}
