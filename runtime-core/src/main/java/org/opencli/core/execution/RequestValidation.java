package org.opencli.core.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.core.catalog.RequestBody;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.ToolParameter;
import org.opencli.core.catalog.ToolSchemas;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.Json;
import org.opencli.core.json.ParseErrors;

/**
 * Checks a rendered call against the tool's schemas before anything is sent: path arguments and
 * flags against their parameter schemas (text admitted for numbers and booleans, as on the wire),
 * a JSON body against its media type's schema. A mismatch is 400 {@code invalid_parameter} (a
 * path argument or flag; body problems are listed too) or {@code invalid_request_body}, naming
 * each place as a JSON pointer, at most {@link #MAX_PROBLEMS}. Non-JSON bodies and inputs without
 * a usable schema are not checked. Compiled schemas are kept with the tool, so each is compiled
 * once per catalog build.
 */
final class RequestValidation {
    static final int MAX_PROBLEMS = 10;
    private static final int PROBLEMS_IN_DETAIL = 3;

    private RequestValidation() {
    }

    static void check(Tool tool, ExecuteRequest request, RequestDraft draft) {
        ToolSchemas schemas = tool.schemas();
        if (schemas == null) return;
        ObjectNode skeleton = schemas.derived("skeleton", () -> Optional.ofNullable(SchemaCompiler.skeleton(schemas)))
                .orElse(null);
        List<ProblemItem> parameterProblems = new ArrayList<>();
        List<String> pathArgs = request.pathArgs() == null ? List.of() : request.pathArgs();
        List<ToolParameter> pathParams = tool.pathParams() == null ? List.of() : tool.pathParams();
        for (int i = 0; i < pathParams.size() && i < pathArgs.size(); i++) {
            ToolParameter p = pathParams.get(i);
            validate(schemas, skeleton, "path:" + p.name(), p.schema(), true, TextNode.valueOf(pathArgs.get(i)),
                    "<" + p.name() + ">", parameterProblems);
        }
        Map<String, JsonNode> flags = request.flags() == null ? Map.of() : request.flags();
        for (ToolParameter f : tool.flags() == null ? List.<ToolParameter>of() : tool.flags()) {
            JsonNode value = flags.containsKey(f.name()) ? flags.get(f.name()) : flags.get(f.originalName());
            if (value == null || value.isNull() || f.shape() != null && f.shape().kind() == org.opencli.core.catalog.ValueShape.Kind.CONTENT) {
                continue;
            }
            validate(schemas, skeleton, "flag:" + f.name(), f.schema(), true, value, "--" + f.name(), parameterProblems);
        }
        List<ProblemItem> bodyProblems = new ArrayList<>();
        JsonNode bodySchema = bodySchema(tool.requestBody(), draft.contentType());
        if (bodySchema != null && draft.body() != null && RequestBodies.isJson(draft.contentType())) {
            JsonNode body = parse(draft.body(), tool);
            validate(schemas, skeleton, "body:" + draft.contentType(), bodySchema, false, body, "", bodyProblems);
        }
        if (parameterProblems.isEmpty() && bodyProblems.isEmpty()) return;
        List<ProblemItem> all = new ArrayList<>(parameterProblems);
        all.addAll(bodyProblems);
        if (all.size() > MAX_PROBLEMS) all = all.subList(0, MAX_PROBLEMS);
        throw parameterProblems.isEmpty()
                ? refusal("invalid_request_body", "Invalid request body", "the body does not match its schema", all)
                : refusal("invalid_parameter", "Invalid parameter", "the arguments do not match their schemas", all);
    }

    private static void validate(ToolSchemas schemas, ObjectNode skeleton, String key, JsonNode schema, boolean loose,
                                 JsonNode value, String prefix, List<ProblemItem> out) {
        if (schema == null || skeleton == null) return;
        Optional<JsonSchema> compiled = schemas.derived(key, () -> SchemaCompiler.compile(schemas, skeleton, schema, loose));
        if (compiled.isEmpty()) return;
        java.util.Set<ValidationMessage> messages;
        try {
            messages = compiled.get().validate(value);
        } catch (StackOverflowError tooDeep) {
            out.add(new ProblemItem(null, prefix.isEmpty() ? null : prefix, "is nested too deeply to be checked", null));
            return;
        } catch (RuntimeException unusable) {
            return; // the schema, not the call, is at fault: the call is sent as it was before validation
        }
        for (ValidationMessage m : messages) {
            if (out.size() == MAX_PROBLEMS) return;
            ProblemItem item = SchemaProblems.of(prefix, m);
            if (!out.contains(item)) out.add(item);
        }
    }

    private static JsonNode bodySchema(RequestBody declared, String mediaType) {
        if (declared == null || declared.contentTypes() == null || mediaType == null) return null;
        for (RequestBody.ContentType c : declared.contentTypes()) {
            if (mediaType.equals(c.mediaType())) return c.schema();
        }
        return null;
    }

    private static JsonNode parse(byte[] body, Tool tool) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw refusal("invalid_request_body", "Invalid request body", "the body of " + tool.id()
                    + " is JSON by its media type but is " + ParseErrors.describe(e, "JSON").message(), List.of());
        } catch (IOException e) {
            throw refusal("invalid_request_body", "Invalid request body", "the body could not be read as JSON", List.of());
        }
    }

    private static OcliException refusal(String code, String title, String summary, List<ProblemItem> items) {
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < items.size() && i < PROBLEMS_IN_DETAIL; i++) {
            if (i > 0) detail.append("; ");
            detail.append(SchemaProblems.describe(items.get(i)));
        }
        if (items.size() > PROBLEMS_IN_DETAIL) detail.append(" (and ").append(items.size() - PROBLEMS_IN_DETAIL).append(" more)");
        return new OcliException(ErrorKind.BAD_REQUEST, code, title, items.isEmpty() ? summary : detail.toString(), items);
    }
}
