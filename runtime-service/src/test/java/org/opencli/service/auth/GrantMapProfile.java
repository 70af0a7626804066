package org.opencli.service.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** {@link AuthWorld} with Entra-style names mapped to runtime grants, app roles read from {@code roles}, people named by {@code upn}. */
public class GrantMapProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuthWorld.class, Map.of(AuthWorld.AUTH_EXTRA, """
                , "scopeClaims": ["roles"], "principalClaim": "upn",
                  "grantMap": { "Helpdesk.Read": ["tool:helpdesk:listTickets", "tool:helpdesk:getTicket"],
                                "Runtime.Auditor": ["audit:read"] }"""), true));
    }
}
