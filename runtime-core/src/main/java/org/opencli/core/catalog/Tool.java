package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One tool of the catalog (CONTRACT.md §3). {@code output}, {@code pagination} and {@code retry}
 * carry the {@code x-cli-*} extension values as written. Empty lists and nulls are left out of
 * the JSON; {@code hidden} and {@code safety} are always present. {@code schemas} (not part of the
 * JSON) carries what validating a call against the tool's schemas needs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "serviceId", "operationId", "method", "path", "group", "command", "aliases", "summary",
        "description", "hidden", "pathParams", "flags", "requestBody", "authAlternatives", "safety", "output",
        "pagination", "retry", "guidance", "servers", "backend"})
public record Tool(
        String id,
        String serviceId,
        String operationId,
        String method,
        String path,
        String group,
        String command,
        List<String> aliases,
        String summary,
        String description,
        @JsonInclude(JsonInclude.Include.ALWAYS) boolean hidden,
        List<ToolParameter> pathParams,
        List<ToolParameter> flags,
        RequestBody requestBody,
        List<AuthAlternative> authAlternatives,
        Safety safety,
        JsonNode output,
        JsonNode pagination,
        JsonNode retry,
        Guidance guidance,
        List<String> servers,
        Backend backend,
        @JsonIgnore ToolSchemas schemas) {

    /** A tool whose schemas reach no {@code $ref} target. */
    public Tool(String id, String serviceId, String operationId, String method, String path, String group,
                String command, List<String> aliases, String summary, String description, boolean hidden,
                List<ToolParameter> pathParams, List<ToolParameter> flags, RequestBody requestBody,
                List<AuthAlternative> authAlternatives, Safety safety, JsonNode output, JsonNode pagination,
                JsonNode retry, Guidance guidance, List<String> servers, Backend backend) {
        this(id, serviceId, operationId, method, path, group, command, aliases, summary, description, hidden,
                pathParams, flags, requestBody, authAlternatives, safety, output, pagination, retry, guidance, servers,
                backend, new ToolSchemas(null, java.util.Map.of()));
    }

    /** A copy with guidance attached (skill manifests arrive after indexing). */
    public Tool withGuidance(Guidance g) {
        return new Tool(id, serviceId, operationId, method, path, group, command, aliases, summary, description,
                hidden, pathParams, flags, requestBody, authAlternatives, safety, output, pagination, retry, g,
                servers, backend, schemas);
    }

    /** A copy with other aliases (the short alias of a command repeating its group is added after indexing). */
    public Tool withAliases(List<String> a) {
        return new Tool(id, serviceId, operationId, method, path, group, command, a, summary, description,
                hidden, pathParams, flags, requestBody, authAlternatives, safety, output, pagination, retry, guidance,
                servers, backend);
    }

    /** A copy executed by another backend (an mcp source's tools are bound after indexing). */
    public Tool withBackend(Backend b) {
        return new Tool(id, serviceId, operationId, method, path, group, command, aliases, summary, description,
                hidden, pathParams, flags, requestBody, authAlternatives, safety, output, pagination, retry, guidance,
                servers, b, schemas);
    }

    /** A copy with a different safety (policy.approvalRequired applies after indexing). */
    public Tool withSafety(Safety s) {
        return new Tool(id, serviceId, operationId, method, path, group, command, aliases, summary, description,
                hidden, pathParams, flags, requestBody, authAlternatives, s, output, pagination, retry, guidance,
                servers, backend, schemas);
    }
}
