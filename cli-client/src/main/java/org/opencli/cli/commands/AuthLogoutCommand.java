package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.auth.RemoteAuth;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;

/** {@code ocli auth logout}: revokes at the IdP (RFC 7009, when it has an endpoint) and deletes the cached tokens. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli auth logout"},
        description = "Sign out: revoke the tokens at the identity provider and forget them.")
public class AuthLogoutCommand extends AuthBase {
    @Override
    public Integer call() {
        RemoteAuth.LogoutResult result = remoteAuth().logout();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("runtime", result.runtime());
        json.put("signedOut", result.signedOut());
        json.put("revoked", result.revoked());
        String text = !result.signedOut() ? "Not signed in to " + result.runtime()
                : "Signed out of " + result.runtime() + (result.revoked() ? " (tokens revoked at the identity provider)" : "");
        output().writeStatus(json, text);
        return 0;
    }
}
