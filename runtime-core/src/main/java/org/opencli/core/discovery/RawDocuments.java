package org.opencli.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.ParseErrors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Bytes of a JSON or YAML document → a Jackson tree (JSON when the first non-blank byte is '{' or
 * '['), within {@link DocumentLimits}: size, nesting depth, YAML aliases and parse time. A failure
 * names the document, line and column and what went wrong — never the document's bytes (parsers'
 * own messages quote them).
 */
public final class RawDocuments {
    /** Parsers per limits; an engine uses one set of limits, so this holds one or two entries. */
    private static final Map<DocumentLimits, Parsers> PARSERS = new ConcurrentHashMap<>();

    private record Parsers(ObjectMapper json, ObjectMapper yaml) {
    }

    private RawDocuments() {
    }

    public static JsonNode parse(FetchedDocument doc) {
        return parse(doc.content(), doc.location(), DocumentLimits.DEFAULTS);
    }

    public static JsonNode parse(FetchedDocument doc, DocumentLimits limits) {
        return parse(doc.content(), doc.location(), limits);
    }

    public static JsonNode parse(byte[] bytes, String location) {
        return parse(bytes, location, DocumentLimits.DEFAULTS);
    }

    public static JsonNode parse(byte[] bytes, String location, DocumentLimits limits) {
        if (bytes.length > limits.maxBytes()) throw SourceLimits.tooLarge(location, limits.maxBytes());
        boolean json = looksLikeJson(bytes);
        Parsers parsers = PARSERS.computeIfAbsent(limits, RawDocuments::parsers);
        long deadline = System.nanoTime() + limits.parseTimeout().toNanos();
        try (InputStream in = new DeadlineInputStream(new ByteArrayInputStream(bytes), deadline)) {
            JsonNode tree = (json ? parsers.json() : parsers.yaml()).readTree(in);
            if (tree == null || tree.isMissingNode()) {
                throw invalid(location, "invalid_document", "the document is empty", null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            if (DeadlineInputStream.Exceeded.in(e)) throw SourceLimits.tooSlow(location, limits.parseTimeout());
            ParseErrors.Described d = ParseErrors.describe(e, json ? "JSON" : "YAML");
            String code = switch (d.kind()) {
                case TOO_LARGE -> "source_too_large";
                case TOO_DEEP, TOO_COMPLEX -> "source_too_complex";
                default -> "invalid_document";
            };
            throw invalid(location, code, d.message() + limitNote(d.kind(), limits), pointer(e));
        } catch (DeadlineInputStream.Exceeded e) {
            throw SourceLimits.tooSlow(location, limits.parseTimeout());
        } catch (IOException e) {
            throw invalid(location, "invalid_document", "the document could not be read", null);
        }
    }

    private static String limitNote(ParseErrors.Kind kind, DocumentLimits limits) {
        return switch (kind) {
            case TOO_DEEP -> " (limit: " + limits.maxDepth() + " levels)";
            case TOO_LARGE -> " (limit: " + limits.maxBytes() + " bytes)";
            case TOO_COMPLEX -> " (limits: " + limits.maxAliases() + " aliases, parser defaults for numbers and strings)";
            default -> "";
        };
    }

    /** Where in the tree the parser was (a JSON Pointer of member names), or null. */
    private static String pointer(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.getParsingContext() == null) return null;
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? null : "#" + (pointer.length() > 200 ? pointer.substring(0, 200) + "…" : pointer);
    }

    private static OcliException invalid(String location, String code, String message, String path) {
        String title = switch (code) {
            case "source_too_large" -> "Source too large";
            case "source_too_complex" -> "Source too complex";
            default -> "Unparseable document";
        };
        return new OcliException(ErrorKind.CONFIG, code, title, location + ": " + message,
                List.of(new ProblemItem(location, path, message, null)));
    }

    private static Parsers parsers(DocumentLimits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxDocumentLength(limits.maxBytes())
                .build();
        ObjectMapper json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit((int) Math.min(limits.maxBytes(), Integer.MAX_VALUE));
        loader.setMaxAliasesForCollections(limits.maxAliases());
        loader.setNestingDepthLimit(limits.maxDepth());
        loader.setAllowRecursiveKeys(false);
        ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints).build());
        return new Parsers(json, yaml);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            if (b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) continue; // UTF-8 BOM
            return b == '{' || b == '[';
        }
        return false;
    }
}
