package org.opencli.service.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** {@link AuthWorld} with a small failureAudit allowance: two records per source and one-second window. */
public class FailureFloodProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuthWorld.class,
                Map.of(AuthWorld.AUTH_EXTRA, ", \"failureAudit\": { \"perSource\": 2, \"windowSeconds\": 1 }"), true));
    }
}
