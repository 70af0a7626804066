package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Server URLs of a {@code servers} array: variables are filled with their defaults and relative
 * URLs of remotely fetched documents are resolved against the document's URL.
 */
final class Servers {
    private Servers() {
    }

    static List<String> urls(JsonNode servers, String documentLocation) {
        List<String> out = new ArrayList<>();
        if (servers == null || !servers.isArray()) return out;
        for (JsonNode server : servers) {
            String url = server.path("url").asText(null);
            if (url == null) continue;
            JsonNode vars = server.path("variables");
            for (var it = vars.fields(); it.hasNext();) {
                var e = it.next();
                String def = e.getValue().path("default").asText(null);
                if (def != null) url = url.replace("{" + e.getKey() + "}", def);
            }
            out.add(absolute(url, documentLocation));
        }
        return out;
    }

    private static String absolute(String url, String documentLocation) {
        boolean remoteDoc = documentLocation != null
                && (documentLocation.startsWith("http://") || documentLocation.startsWith("https://"));
        if (!remoteDoc || url.contains("://")) return url;
        try {
            return URI.create(documentLocation).resolve(url).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
