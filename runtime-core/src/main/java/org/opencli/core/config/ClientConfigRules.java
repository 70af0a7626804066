package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * A client config: what a laptop or CI job talking to a remote runtime needs and nothing the runtime
 * owns. It holds {@code runtime} (how to reach the runtime: {@code mode}, {@code remote}) and
 * optionally {@code cli} and the {@code mode.default}/{@code agents.defaultProfile} choices sent as
 * request parameters; no sources, services, policy or secrets (the runtime serves its own config).
 * Checked with the schema's types but none of a project config's required keys, plus the runtime
 * rules, plus the rules below.
 */
final class ClientConfigRules {
    /** The top-level keys a client config may hold. */
    static final Set<String> CLIENT_KEYS = Set.of("cli", "runtime", "mode", "agents");

    private ClientConfigRules() {
    }

    /** Only client keys, a {@code runtime} block, and no {@code runtime.server} (that configures a runtime). */
    static boolean isClientConfig(ObjectNode merged) {
        if (!(merged.get("runtime") instanceof ObjectNode runtime) || runtime.has("server")) return false;
        for (Iterator<String> keys = merged.fieldNames(); keys.hasNext();) {
            if (!CLIENT_KEYS.contains(keys.next())) return false;
        }
        return true;
    }

    static CliConfig finish(ObjectNode merged, Provenance provenance) {
        Problems problems = new Problems(provenance::fileFor);
        problems.addAll(ConfigSchema.lenient().validate(merged));
        problems.throwIfAny();
        JsonNode runtime = merged.path("runtime");
        String mode = runtime.path("mode").asText("");
        if (mode.equals("embedded") || mode.equals("local")) {
            problems.add(JsonPaths.of("runtime", "mode"), "a client config (no sources) cannot run the runtime " + mode,
                    "remote (or no runtime.mode, with --runtime or OCLI_RUNTIME_URL)");
        }
        if (!mode.equals("remote") && runtime.path("remote").hasNonNull("url")) {
            // runtime resolution reads runtime.remote.url only in remote mode; silently ignoring it would surprise
            problems.add(JsonPaths.of("runtime", "mode"), "runtime.remote.url is used only with runtime.mode 'remote'",
                    "runtime.mode \"remote\" next to runtime.remote.url");
        }
        if (merged.path("agents").path("profiles").size() > 0) {
            problems.add(JsonPaths.of("agents", "profiles"), "agent profiles are defined in the runtime's config; a client config only chooses one",
                    "agents.defaultProfile only");
        }
        CliConfig config = ConfigLoader.bind(merged, provenance, problems);
        RuntimeRules.check(config, problems);
        problems.throwIfAny();
        return config;
    }
}
