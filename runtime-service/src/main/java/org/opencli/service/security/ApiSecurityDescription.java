package org.opencli.service.security;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.opencli.service.auth.OperationalScopes;

/**
 * {@code /q/openapi}'s security, from the rules the auth boundary applies, so the document cannot
 * disagree with it: an {@link OpenEndpoints open endpoint} needs no credential (a usable one still
 * adds the caller), every other operation the {@code bearer} scheme with the operational scope
 * {@link OperationalScopes} names for its path, and answers 401 (403 where a scope is needed). The
 * request limits' problems ({@code http.RequestLimits}) are added to every operation. Registered as
 * {@code mp.openapi.filter}; runs once, when the document is built.
 */
public class ApiSecurityDescription implements OASFilter {
    static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) return;
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                describe(operation.getKey().name(), path.getKey(), operation.getValue());
            }
        }
    }

    private static void describe(String method, String path, Operation operation) {
        APIResponses responses = operation.getResponses() != null ? operation.getResponses() : OASFactory.createAPIResponses();
        operation.setResponses(responses);
        if (OpenEndpoints.isOpen(method, path)) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme(SCHEME, List.of())));
        } else {
            String scope = OperationalScopes.required(path);
            SecurityRequirement bearer = OASFactory.createSecurityRequirement()
                    .addScheme(SCHEME, scope == null ? List.of() : List.of(scope));
            operation.setSecurity(List.of(bearer));
            refer(responses, "401", "Unauthenticated");
            if (scope != null) refer(responses, "403", "Forbidden");
        }
        if (method.equals("POST")) {
            refer(responses, "411", "LengthRequired");
            refer(responses, "413", "ContentTooLarge");
        }
        refer(responses, "414", "UriTooLong");
        refer(responses, "431", "HeadersTooLarge");
    }

    private static void refer(APIResponses responses, String status, String component) {
        if (responses.hasAPIResponse(status)) return; // the operation describes it itself
        responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
    }
}
