package org.opencli.core.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses RFC 8288 {@code Link} headers and RFC 9264 linksets; hrefs come back absolute. */
public final class Links {
    private Links() {
    }

    /** {@code <a>; rel="x y", <b>; rel=z} → links, resolved against {@code base}. */
    public static List<WebLink> fromHeaders(List<String> headerValues, String base) {
        List<WebLink> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : splitOutsideBrackets(value)) {
                int open = part.indexOf('<');
                int close = part.indexOf('>', open + 1);
                if (open < 0 || close < 0) continue;
                String href = part.substring(open + 1, close).trim();
                Set<String> rels = new LinkedHashSet<>();
                for (String param : part.substring(close + 1).split(";")) {
                    String[] kv = param.trim().split("=", 2);
                    if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("rel")) {
                        rels.addAll(Arrays.asList(kv[1].trim().replace("\"", "").split("\\s+")));
                    }
                }
                out.add(new WebLink(resolve(base, href), rels));
            }
        }
        return out;
    }

    /**
     * A linkset document: {@code linkset} or {@code links} array whose entries are either flat
     * {@code {href, rel}} objects or RFC 9264 context objects {@code {anchor, <rel>: [{href}]}}.
     */
    public static List<WebLink> fromLinkset(JsonNode doc, String base) {
        JsonNode entries = doc.has("linkset") ? doc.get("linkset") : doc.get("links");
        List<WebLink> out = new ArrayList<>();
        if (entries == null || !entries.isArray()) return out;
        for (JsonNode entry : entries) {
            if (entry.has("href") && entry.has("rel")) {
                Set<String> rels = new LinkedHashSet<>();
                JsonNode rel = entry.get("rel");
                if (rel.isArray()) rel.forEach(r -> rels.add(r.asText()));
                else rels.addAll(Arrays.asList(rel.asText().split("\\s+")));
                out.add(new WebLink(resolve(base, entry.get("href").asText()), rels));
                continue;
            }
            String anchor = entry.has("anchor") ? resolve(base, entry.get("anchor").asText()) : base;
            for (var it = entry.fields(); it.hasNext();) {
                var e = it.next();
                if (e.getKey().equals("anchor") || !e.getValue().isArray()) continue;
                for (JsonNode target : e.getValue()) {
                    if (target.has("href")) out.add(new WebLink(resolve(anchor, target.get("href").asText()), Set.of(e.getKey())));
                }
            }
        }
        return out;
    }

    static String resolve(String base, String href) {
        try {
            return base == null ? href : URI.create(base).resolve(href.trim()).toString();
        } catch (IllegalArgumentException e) {
            return href;
        }
    }

    private static List<String> splitOutsideBrackets(String value) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == '<' && !quoted) depth++;
            else if (c == '>' && !quoted) depth--;
            else if (c == ',' && depth == 0 && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }
}
