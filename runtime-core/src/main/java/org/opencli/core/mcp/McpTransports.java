package org.opencli.core.mcp;

import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.core.config.McpTransportConfig;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * The SDK transport for one mcp source: our {@link StdioProcessTransport} for {@code stdio}, the
 * SDK's JDK-HttpClient transports for {@code streamable-http} and {@code sse}. Static {@code headers}
 * and resolved {@code headerSecrets} go on every request; with {@code oauth}, the source's access
 * token owns the Authorization header (looked up per request: cached, refreshed before expiry).
 */
final class McpTransports {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    private McpTransports() {
    }

    static McpClientTransport create(String sourceId, SourceConfig source, Path baseDir, McpSecrets secrets,
                                     McpJsonMapper json, Runnable onExit) {
        McpTransportConfig t = source.transport();
        String type = t == null || t.type() == null ? "" : t.type();
        return switch (type) {
            case "stdio" -> {
                List<String> command = new ArrayList<>();
                command.add(t.command());
                if (t.args() != null) command.addAll(t.args());
                yield new StdioProcessTransport(sourceId, command, t.env(), baseDir, json, onExit);
            }
            case "streamable-http" -> {
                URI url = url(sourceId, t.url());
                yield HttpClientStreamableHttpTransport.builder(origin(url)).endpoint(pathAndQuery(url)).jsonMapper(json)
                        .connectTimeout(CONNECT_TIMEOUT).maxResponseSize(MAX_RESPONSE_BYTES)
                        .asyncHttpRequestCustomizer(headers(sourceId, source, secrets)).build();
            }
            case "sse" -> {
                URI url = url(sourceId, t.url());
                yield HttpClientSseClientTransport.builder(origin(url)).sseEndpoint(pathAndQuery(url)).jsonMapper(json)
                        .connectTimeout(CONNECT_TIMEOUT).maxResponseSize(MAX_RESPONSE_BYTES)
                        .asyncHttpRequestCustomizer(headers(sourceId, source, secrets)).build();
            }
            default -> throw new OcliException(ErrorKind.CONFIG, "invalid_config", "Unknown MCP transport",
                    "sources." + sourceId + ".transport.type is '" + type + "' (expected stdio, sse or streamable-http)");
        };
    }

    /** Headers resolved once per connection; the oauth token per request (from the resolver's cache). */
    private static McpAsyncHttpClientRequestCustomizer headers(String sourceId, SourceConfig source, McpSecrets secrets) {
        McpTransportConfig t = source.transport();
        Map<String, String> fixed = new LinkedHashMap<>();
        if (t.headers() != null) fixed.putAll(t.headers());
        if (t.headerSecrets() != null) {
            t.headerSecrets().forEach((header, secret) -> fixed.put(header, secrets.value(sourceId, header, secret)));
        }
        if (source.oauth() == null) {
            return (builder, method, uri, body, context) -> {
                fixed.forEach(builder::setHeader);
                traceHeaders(context).forEach(builder::setHeader);
                return Mono.just(builder);
            };
        }
        return (builder, method, uri, body, context) -> Mono.fromCallable(() -> {
            fixed.forEach(builder::setHeader);
            traceHeaders(context).forEach(builder::setHeader);
            builder.setHeader("Authorization", "Bearer " + secrets.token(sourceId, source.oauth()));
            return builder;
        }).subscribeOn(Schedulers.boundedElastic()); // a token refresh calls the token endpoint
    }

    private static final String TRACE_HEADERS = "opencli.traceHeaders";

    /**
     * The Reactor context under which a {@code tools/call} carries its trace to an http server: the SDK
     * hands the caller's {@link McpTransportContext} to the request customizer above.
     */
    static Context traced(Map<String, String> traceHeaders) {
        if (traceHeaders == null || traceHeaders.isEmpty()) return Context.empty();
        return Context.of(McpTransportContext.KEY, McpTransportContext.create(Map.of(TRACE_HEADERS, traceHeaders)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> traceHeaders(McpTransportContext context) {
        Object headers = context == null ? null : context.get(TRACE_HEADERS);
        return headers instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    private static URI url(String sourceId, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new java.net.URISyntaxException(url, "not an absolute http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new OcliException(ErrorKind.CONFIG, "invalid_config", "Invalid MCP server URL",
                    "sources." + sourceId + ".transport.url is not an absolute http(s) URL");
        }
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    private static String pathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
