package org.opencli.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/runtime/info}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeInfo(
        String contractVersion,
        List<String> capabilities,
        String instanceId,
        String url,
        String runtimeMode,
        String auditPath,
        String stateDir,
        String cacheDir,
        String configPath,
        Auth auth,
        Map<String, Object> lifecycle) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Auth(
            boolean required,
            String audience,
            List<String> scopePrefixes,
            List<String> tokenValidationProfiles,
            BrowserLogin browserLogin,
            Map<String, Object> principal,
            AuthorizationEnvelope authorizationEnvelope) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrowserLogin(boolean configured, String configEndpoint) {
    }

    public record AuthorizationEnvelope(String version, List<String> scopePrefixes) {
    }
}
