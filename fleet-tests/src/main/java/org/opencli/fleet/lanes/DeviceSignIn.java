package org.opencli.fleet.lanes;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.fleet.Background;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakBrowser;

/** {@code ocli auth login --device} as the lanes drive it: the lines it prints, and a person approving the code. */
final class DeviceSignIn {
    static final Pattern CODE = Pattern.compile("To sign in, visit (\\S+) and enter the code (\\S+)");
    static final Pattern COMPLETE = Pattern.compile("Or open: (\\S+)");
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private DeviceSignIn() {
    }

    /** Waits for the code {@code device} prints, approves it in a headless browser as {@code user}, and awaits ocli's exit. */
    static ProcResult approve(LaneContext ctx, Background device, String user, String password) throws Exception {
        try (KeycloakBrowser phone = new KeycloakBrowser()) {
            Matcher code = device.await(CODE, TIMEOUT);
            String complete = device.await(COMPLETE, TIMEOUT).group(1);
            ctx.log("device code " + code.group(2) + " at " + code.group(1));
            String page = phone.approveDevice(complete, user, password);
            ctx.log("browser visited " + phone.visited() + "\n  " + page.strip().replaceAll("\\s+", " "));
            return device.finish(TIMEOUT);
        }
    }
}
