package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.auth.RemoteAuth;
import org.opencli.cli.output.Table;
import org.opencli.core.auth.client.TokenSet;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;

/** {@code ocli auth status}: runtime, mode, where the credentials come from, principal, scopes, expiry, refreshable. Never the token. */
@Command(name = "status", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli auth status --format json"},
        description = "Show the sign-in for the remote runtime (never the token).")
public class AuthStatusCommand extends AuthBase {
    @Override
    public Integer call() {
        RemoteAuth auth = remoteAuth();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("runtime", auth.runtimeUrl());
        json.put("mode", auth.mode());
        json.put("credentialSource", auth.credentialSource());
        TokenSet login = auth.current().orElse(null);
        json.put("signedIn", login != null);
        json.put("principal", login == null ? null : login.principal());
        ArrayNode scopes = json.putArray("scopes");
        if (login != null) login.scopes().forEach(scopes::add);
        json.put("expiresAt", login == null ? null : isoOrNull(login.expiresAt()));
        json.put("refreshable", login != null && login.refreshable());
        output().write(json, () -> {
            Table table = new Table("RUNTIME", "MODE", "CREDENTIALS FROM", "SIGNED IN", "PRINCIPAL", "SCOPES", "EXPIRES AT", "REFRESHABLE");
            table.row(json.path("runtime").asText(), json.path("mode").asText(), json.path("credentialSource").asText(), login != null ? "yes" : "no",
                    json.path("principal").asText(""), login == null ? "" : String.join(" ", login.scopes()),
                    json.path("expiresAt").asText(""), json.path("refreshable").asBoolean() ? "yes" : "no");
            return table;
        });
        return 0;
    }
}
