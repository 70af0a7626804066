package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.oas.OpenApi31;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opencli.core.catalog.ToolSchemas;

/**
 * Compiles one of a tool's schemas for validation, in its document's dialect (OpenAPI 3.0:
 * {@code nullable} and draft-04 rules; 3.1: JSON Schema 2020-12). The schema is compiled inside a
 * skeleton of the document holding only the targets its {@code $ref}s reach
 * ({@link ToolSchemas#refTargets()}), so local refs resolve as written. Nothing is ever fetched:
 * only the JSON Schema meta-schemas bundled with the validator may be loaded; any other
 * {@code $ref} makes the schema unusable, and a schema that cannot be compiled is not checked (the
 * call is rendered as before). {@code format} is an annotation, not an assertion: descriptions use
 * formats loosely, and a format mismatch must not block a call the API would take.
 */
final class SchemaCompiler {
    /** Where the schema being compiled sits in its skeleton document. */
    private static final String SLOT = "x-ocli-validated-schema";

    private static final JsonSchemaFactory OAS30 = factory(SpecVersion.VersionFlag.V4, OpenApi30.getInstance());
    private static final JsonSchemaFactory OAS31 = factory(SpecVersion.VersionFlag.V202012, OpenApi31.getInstance());
    private static final SchemaValidatorsConfig STRICT = config(false);
    /** Parameters arrive as text on the wire: "5" is an integer, a single value is an array of one. */
    private static final SchemaValidatorsConfig LOOSE = config(true);

    private SchemaCompiler() {
    }

    /**
     * @param skeleton {@link #skeleton} of the tool's schemas
     * @param loose    parameter rules (text admitted for numbers and booleans) rather than body rules
     * @return empty when the schema cannot be used
     */
    static Optional<JsonSchema> compile(ToolSchemas schemas, ObjectNode skeleton, JsonNode schema, boolean loose) {
        if (schema == null || !(schema.isObject() || schema.isBoolean()) || skeleton == null) return Optional.empty();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.setAll(skeleton);
        root.put("$ref", "#/" + SLOT);
        root.set(SLOT, schema);
        try {
            JsonSchemaFactory factory = schemas.openapi30() ? OAS30 : OAS31;
            JsonSchema compiled = factory.getSchema(SchemaLocation.of("urn:ocli:tool-schema"), root, loose ? LOOSE : STRICT);
            compiled.initializeValidators(); // resolves every $ref now, so a bad one shows here, not mid-call
            return Optional.of(compiled);
        } catch (RuntimeException | StackOverflowError unusable) {
            return Optional.empty();
        }
    }

    /**
     * A document holding each ref target at its pointer, and nothing else; null when a ref names
     * the whole document (the slot could not be added without copying it). Shorter pointers are
     * placed first, so a target inside another target is already there and is not placed again
     * (which would write into the document's own nodes).
     */
    static ObjectNode skeleton(ToolSchemas schemas) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        List<String> refs = new ArrayList<>(schemas.refTargets().keySet());
        refs.sort(Comparator.comparingInt(r -> r.split("/", -1).length));
        Set<JsonNode> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String ref : refs) {
            if (ref.equals("#") || ref.equals("#/")) return null;
            String[] tokens = ref.substring(2).split("/", -1);
            ObjectNode parent = root;
            boolean inside = false;
            for (int i = 0; i < tokens.length - 1 && !inside; i++) {
                String key = unescape(tokens[i]);
                JsonNode child = parent.get(key);
                if (child != null && placed.contains(child)) {
                    inside = true;
                } else if (child instanceof ObjectNode object) {
                    parent = object;
                } else {
                    parent = parent.putObject(key);
                }
            }
            if (inside) continue;
            JsonNode target = schemas.refTargets().get(ref);
            parent.set(unescape(tokens[tokens.length - 1]), target);
            placed.add(target);
        }
        return root;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /**
     * The dialect with every keyword it does not know taken as an annotation, silently: the
     * skeleton's document members and a description's {@code x-} extensions are not keywords,
     * and the validator's default would log a warning for each.
     */
    private static JsonSchemaFactory factory(SpecVersion.VersionFlag version, JsonMetaSchema base) {
        JsonMetaSchema dialect = JsonMetaSchema.builder(base)
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
        return JsonSchemaFactory.getInstance(version, b -> b.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                .enableSchemaCache(false)
                // the meta-schemas ship inside the validator (their https IRIs are mapped to classpath:draft...)
                .schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:draft")))));
    }

    private static SchemaValidatorsConfig config(boolean loose) {
        return SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .typeLoose(loose)
                .formatAssertionsEnabled(false)
                .build();
    }

}
