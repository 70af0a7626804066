package org.opencli.service.launch;

import java.util.Map;
import java.util.Optional;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;
import org.opencli.service.engine.EngineProducer;

/**
 * One daemon per instance: before anything starts (the audit writer lock, the port), the instance's
 * registry is looked at. A live entry means another daemon serves this instance, and this one does
 * not start; a stale one (its process gone, its pid another program's now, or its port refusing) is
 * cleaned — its recorded children ended, the file removed.
 */
final class InstanceGuard {
    private InstanceGuard() {
    }

    /** Why this daemon may not start, or null when it may. */
    static String refusal(Map<String, String> props) {
        StateLayout layout = EngineProducer.layout(props.get("oclird.config"), props.get("oclird.instance-id"),
                props.get("oclird.state-dir"));
        Optional<RegistryEntry> live = new RuntimeRegistry(layout.registryFile()).readLive();
        if (live.isEmpty()) return null;
        RegistryEntry entry = live.get();
        return "instance '" + layout.instanceId() + "' is already served by oclird pid " + entry.pid() + " at " + entry.url()
                + " (" + layout.registryFile() + "); stop it first (ocli runtime stop) or use another --instance-id";
    }
}
