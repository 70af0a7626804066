package org.opencli.service.observe;

import java.util.Set;
import org.opencli.service.ServiceTestProfile;

/** The service test daemon with the engine's spans also kept in memory, where a test can read them. */
public class TracingProfile extends ServiceTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MemorySpans.class);
    }
}
