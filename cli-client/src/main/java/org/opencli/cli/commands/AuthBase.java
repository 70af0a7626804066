package org.opencli.cli.commands;

import java.time.Instant;
import org.opencli.cli.auth.RemoteAuth;

/** Shared by the auth commands: the sign-in for the runtime the global options point at. */
abstract class AuthBase extends BaseCommand {
    RemoteAuth remoteAuth() {
        return session().resolver().remoteAuth(session().options());
    }

    static String isoOrNull(long epochSeconds) {
        return epochSeconds <= 0 ? null : Instant.ofEpochSecond(epochSeconds).toString();
    }
}
