package org.opencli.service.mcp;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import org.opencli.service.auth.AuthWorld;

/** An auth-enabled daemon ({@link AuthWorld}) whose policy requires approval for deleting a ticket. */
public class McpAuthProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuthWorld.class,
                Map.of(AuthWorld.CONFIG_EXTRA, "\n  \"policy\": { \"approvalRequired\": [\"helpdesk:deleteTicket\"] },"), true));
    }
}
