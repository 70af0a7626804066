package org.opencli.service.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.opencli.service.ServiceTestProfile;

/** The test daemon with its audit path under a regular file: the store cannot create its directory. */
public class BrokenAuditProfile extends ServiceTestProfile {
    public static final Path BLOCKER;

    static {
        try {
            BLOCKER = Files.createTempDirectory("oclird-broken-audit").resolve("blocker");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            if (!Files.exists(BLOCKER)) Files.writeString(BLOCKER, "a file where the audit directory should be");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("oclird.audit-path", BLOCKER.resolve("audit.log").toString());
        return overrides;
    }
}
