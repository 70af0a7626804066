package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One OpenAPI security requirement object: every requirement must be met (AND). A tool's list of
 * alternatives is an OR; an alternative with no requirements means anonymous access is allowed.
 */
public record AuthAlternative(List<Requirement> requirements) {

    /** A security scheme named by a requirement, with the scheme's details copied in. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "type", "scheme", "in", "paramName", "scopes", "oauthFlows", "openIdConnectUrl"})
    public record Requirement(String name, String type, String scheme, String in, String paramName,
            List<String> scopes, List<OAuthFlow> oauthFlows, String openIdConnectUrl) {
    }

    /** One OAuth 2 flow of a scheme; {@code type} is the flow name (clientCredentials, ...). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"type", "authorizationUrl", "tokenUrl", "refreshUrl", "scopes"})
    public record OAuthFlow(String type, String authorizationUrl, String tokenUrl, String refreshUrl,
            List<String> scopes) {
    }
}
