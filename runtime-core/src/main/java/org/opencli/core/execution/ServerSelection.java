package org.opencli.core.execution;

import java.util.List;
import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.Service;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.ServiceConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * The base URL of a call: {@code services.<id>.baseURL} when configured, else the tool's first
 * server, else its service's first server (variables already filled with defaults and relative
 * URLs resolved by the indexer). Only absolute http(s) URLs qualify: the runtime never calls a
 * URL the caller supplies.
 */
public final class ServerSelection {
    private ServerSelection() {
    }

    public static String baseUrl(Tool tool, Catalog catalog, LoadedConfig config) {
        ServiceConfig sc = config.config().services() == null ? null : config.config().services().get(tool.serviceId());
        if (sc != null && sc.baseURL() != null && !sc.baseURL().isBlank()) return sc.baseURL();
        String candidate = first(tool.servers());
        if (candidate == null) {
            candidate = catalog.services().stream().filter(s -> s.id().equals(tool.serviceId()))
                    .map(Service::servers).map(ServerSelection::first).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
        }
        if (candidate == null || !isHttp(candidate)) {
            throw new OcliException(ErrorKind.CONFIG, "no_server", "No server to call",
                    "tool " + tool.id() + " has no absolute http(s) server" + (candidate == null ? "" : " (found '" + candidate + "')")
                            + "; set services." + tool.serviceId() + ".baseURL in the config");
        }
        return candidate;
    }

    private static String first(List<String> servers) {
        return servers == null || servers.isEmpty() ? null : servers.get(0);
    }

    private static boolean isHttp(String url) {
        String u = url.toLowerCase(java.util.Locale.ROOT);
        if (!u.startsWith("http://") && !u.startsWith("https://")) return false;
        try {
            return java.net.URI.create(url).getHost() != null;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
