package org.opencli.service.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** {@link AuthWorld} with runtime.server.auth.delegation: two named actors and their maximum grants. */
public class DelegationProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuthWorld.class, Map.of(AuthWorld.AUTH_EXTRA, """
                , "delegation": { "actors": {
                    "triage-bot": ["tool:helpdesk:listTickets", "tool:helpdesk:getTicket", "audit:read"],
                    "orchestrator": ["bundle:helpdesk", "audit:read"] } }"""), true));
    }
}
