package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.auth.RemoteAuth;
import org.opencli.cli.output.Table;
import org.opencli.core.auth.client.TokenSet;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;

/**
 * {@code ocli auth status}: runtime, mode, where the credentials come from, principal, scopes, expiry,
 * refreshable, and the runtime's view of the token (the grants it derived). Never the token.
 */
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
        json.set("runtimeView", login == null ? null : runtimeView());
        JsonNode grants = json.path("runtimeView").path("grants");
        output().write(json, () -> {
            Table table = new Table("RUNTIME", "MODE", "CREDENTIALS FROM", "SIGNED IN", "PRINCIPAL", "SCOPES", "RUNTIME GRANTS", "EXPIRES AT",
                    "REFRESHABLE");
            table.row(json.path("runtime").asText(), json.path("mode").asText(), json.path("credentialSource").asText(), login != null ? "yes" : "no",
                    json.path("principal").asText(""), login == null ? "" : String.join(" ", login.scopes()),
                    grants.isArray() ? join(grants) : json.path("runtimeView").path("problem").asText(""),
                    json.path("expiresAt").asText(""), json.path("refreshable").asBoolean() ? "yes" : "no");
            return table;
        });
        return 0;
    }

    /**
     * How the runtime sees this token ({@code GET /v1/runtime/info} with it): its principal, immutable
     * id, tenant, the runtime grants it derived (after {@code grantMap}) and, for a delegated token, the
     * acting agents ({@code actors}, current first); a problem instead when it
     * cannot say (unreachable, token refused). The token's own scopes above are the IdP's names.
     */
    private ObjectNode runtimeView() {
        ObjectNode view = Json.MAPPER.createObjectNode();
        try {
            JsonNode principal = session().runtime().client().runtimeInfo().path("auth").path("principal");
            if (!principal.isObject()) {
                view.put("problem", "the runtime named no principal for this token");
                return view;
            }
            view.put("principal", principal.path("name").asText(null));
            if (principal.hasNonNull("subjectId")) view.put("subjectId", principal.path("subjectId").asText());
            if (principal.hasNonNull("tenantId")) view.put("tenantId", principal.path("tenantId").asText());
            view.set("grants", principal.path("grants").isArray() ? principal.path("grants") : Json.MAPPER.createArrayNode());
            if (principal.path("actors").isArray()) view.set("actors", principal.path("actors"));
        } catch (RuntimeException e) {
            view.put("problem", "the runtime could not be asked: " + e.getMessage());
        }
        return view;
    }

    private static String join(JsonNode values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(out.length() == 0 ? "" : " ").append(v.asText()));
        return out.toString();
    }
}
