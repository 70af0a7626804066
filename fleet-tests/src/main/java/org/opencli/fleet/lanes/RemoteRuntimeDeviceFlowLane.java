package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakBrowser;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * A sign-in without a local browser (RFC 8628): {@code ocli auth login --device} prints the
 * verification URI and user code and polls; a headless browser (the person's phone) approves the
 * code as alice; ocli finishes on its own and the next call carries alice's token.
 */
public final class RemoteRuntimeDeviceFlowLane implements Lane {
    private static final Pattern CODE = DeviceSignIn.CODE;
    private static final Pattern COMPLETE = DeviceSignIn.COMPLETE;
    private static final Duration TIMEOUT = DeviceSignIn.TIMEOUT;

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            // no runtime.remote.oauth at all: ocli takes the device endpoint and client from browser-config
            AuthRuntime rt = AuthRuntime.start(ctx, kc, upstream, "auth-device", auth -> {}, null);

            ProcResult login;
            try (Background device = ctx.ocliInBackground(rt.project.dir, Map.of(), rt.withRuntime("auth", "login", "--device"));
                 KeycloakBrowser phone = new KeycloakBrowser()) {
                Matcher code = device.await(CODE, TIMEOUT);
                String complete = device.await(COMPLETE, TIMEOUT).group(1);
                ctx.check("ocli prints realm corp's verification URI and a user code",
                        code.group(1).startsWith(kc.issuer(KeycloakFixture.CORP)) && !code.group(2).isBlank(),
                        code.group(1) + " code " + code.group(2));
                ctx.check("ocli keeps running (polling the token endpoint) while the code waits for approval", device.isAlive(), "alive");
                String page = phone.approveDevice(complete, "alice", "alice-password");
                ctx.log("browser visited " + phone.visited() + "\n  " + page.strip().replaceAll("\\s+", " "));
                login = device.finish(TIMEOUT);
            }
            ctx.check("ocli auth login --device exits 0 once the code is approved", login.exitCode() == 0, "exit " + login.exitCode());

            JsonNode status = rt.status();
            ctx.check("ocli auth status shows principal alice (mode deviceCode)",
                    status != null && status.path("principal").asText().equals("alice") && status.path("mode").asText().equals("deviceCode"),
                    status == null ? "status failed" : status.path("principal") + " " + status.path("mode"));
            ProcResult call = rt.ocli(Map.of(), "upstream", "tickets", "list-tickets");
            ctx.check("a tool call with the device-flow token succeeds", call.exitCode() == 0, "exit " + call.exitCode());
            rt.audit();
        }
    }
}
