package org.opencli.core.catalog;

import org.opencli.core.config.CliConfig;

/** The contract's view-selection rules. PLACEHOLDER: implemented in the catalog work. */
public final class ViewSelector {
    private ViewSelector() {
    }

    /**
     * Explicit existing profile → its view; else mode (explicit or default) curated with a default
     * profile → that view; else discover. An explicit profile's mode beats an explicit mode.
     *
     * @throws org.opencli.core.error.OcliException {@code unknown_profile} for a profile that does not exist
     */
    public static EffectiveView select(Catalog catalog, CliConfig config, String mode, String agentProfile) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
