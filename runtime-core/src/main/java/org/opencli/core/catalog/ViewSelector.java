package org.opencli.core.catalog;

import org.opencli.core.catalog.views.ViewBuilder;
import org.opencli.core.config.CliConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** The contract's view-selection rules (CONTRACT.md §3). */
public final class ViewSelector {
    private ViewSelector() {
    }

    /**
     * Explicit existing profile → its view; else mode (explicit or default) curated with a default
     * profile → that view; else discover. An explicit profile's mode beats an explicit mode.
     *
     * @throws OcliException {@code invalid_mode} for a mode other than discover/curated,
     *                       {@code unknown_profile} for a profile that does not exist
     */
    public static EffectiveView select(Catalog catalog, CliConfig config, String mode, String agentProfile) {
        if (mode != null && !mode.equals(ViewBuilder.DISCOVER) && !mode.equals(ViewBuilder.CURATED)) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_mode", "Invalid mode",
                    "mode must be discover or curated, got " + mode);
        }
        var profiles = config.agents() == null || config.agents().profiles() == null
                ? java.util.Map.<String, Object>of() : config.agents().profiles();
        if (agentProfile != null) {
            if (!profiles.containsKey(agentProfile)) {
                throw new OcliException(ErrorKind.BAD_REQUEST, "unknown_profile", "Unknown agent profile",
                        "no agent profile named " + agentProfile + "; known: " + profiles.keySet());
            }
            return view(catalog, agentProfile);
        }
        String effectiveMode = mode != null ? mode
                : config.mode() != null && config.mode().defaultMode() != null ? config.mode().defaultMode()
                : ViewBuilder.DISCOVER;
        String defaultProfile = config.agents() == null ? null : config.agents().defaultProfile();
        if (ViewBuilder.CURATED.equals(effectiveMode) && defaultProfile != null && profiles.containsKey(defaultProfile)) {
            return view(catalog, defaultProfile);
        }
        return view(catalog, ViewBuilder.DISCOVER);
    }

    private static EffectiveView view(Catalog catalog, String name) {
        return catalog.view(name).orElseThrow(() -> new OcliException(ErrorKind.INTERNAL, "view_missing",
                "View missing", "the catalog has no view " + name));
    }
}
