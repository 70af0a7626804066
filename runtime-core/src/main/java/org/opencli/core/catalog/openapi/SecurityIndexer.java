package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.core.catalog.AuthAlternative;
import org.opencli.core.catalog.AuthAlternative.OAuthFlow;
import org.opencli.core.catalog.AuthAlternative.Requirement;

/**
 * OpenAPI security → auth alternatives. The list is an OR, each object an AND; an operation's own
 * {@code security} replaces the document's, and an empty list means "no auth". Each requirement
 * carries its scheme's details so the executor needs no second look at the document.
 */
final class SecurityIndexer {
    private final JsonNode doc;
    private final Refs refs;

    SecurityIndexer(JsonNode doc, Refs refs) {
        this.doc = doc;
        this.refs = refs;
    }

    List<AuthAlternative> alternatives(JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : doc.get("security");
        List<AuthAlternative> out = new ArrayList<>();
        if (security == null || !security.isArray()) return out;
        for (JsonNode alternative : security) {
            List<Requirement> requirements = new ArrayList<>();
            for (var it = alternative.fields(); it.hasNext();) {
                var e = it.next();
                requirements.add(requirement(e.getKey(), texts(e.getValue())));
            }
            out.add(new AuthAlternative(requirements));
        }
        return out;
    }

    private Requirement requirement(String name, List<String> scopes) {
        JsonNode scheme = refs.resolve(doc.path("components").path("securitySchemes").path(name),
                () -> JsonPointers.pointer(List.of("components", "securitySchemes", name)));
        List<OAuthFlow> flows = new ArrayList<>();
        for (var it = scheme.path("flows").fields(); it.hasNext();) {
            var e = it.next();
            JsonNode f = e.getValue();
            List<String> flowScopes = new ArrayList<>();
            f.path("scopes").fieldNames().forEachRemaining(flowScopes::add);
            flows.add(new OAuthFlow(e.getKey(), text(f, "authorizationUrl"), text(f, "tokenUrl"),
                    text(f, "refreshUrl"), flowScopes));
        }
        return new Requirement(name, text(scheme, "type"), text(scheme, "scheme"), text(scheme, "in"),
                text(scheme, "name"), scopes, flows, text(scheme, "openIdConnectUrl"));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
