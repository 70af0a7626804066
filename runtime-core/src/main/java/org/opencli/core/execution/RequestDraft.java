package org.opencli.core.execution;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request being assembled: rendered arguments first, credentials added afterwards. Credential
 * parts are kept apart so a redacted copy (dry run) can replace exactly their values with {@code ***}.
 */
public final class RequestDraft {
    /** One name/value pair; {@code secret} parts are redacted in dry-run output. */
    record Part(String name, String value, boolean secret) {
        String shown() {
            return secret ? "***" : value;
        }
    }

    private final String method;
    private final String baseUrl;
    private final String path;
    private final List<Part> query = new ArrayList<>();
    private final List<Part> headers = new ArrayList<>();
    private final List<Part> cookies = new ArrayList<>();
    private byte[] body;
    private String contentType;

    RequestDraft(String method, String baseUrl, String encodedPath) {
        this.method = method;
        this.baseUrl = baseUrl;
        this.path = encodedPath;
    }

    public String method() {
        return method;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public byte[] body() {
        return body;
    }

    /** The body's media type; null when there is no body. */
    String contentType() {
        return contentType;
    }

    /** query name and value are already percent-encoded. */
    void addEncodedQuery(String name, String value) {
        query.add(new Part(name, value, false));
    }

    void addHeader(String name, String value) {
        headers.add(new Part(name, value, false));
    }

    void addCookie(String name, String value) {
        cookies.add(new Part(name, value, false));
    }

    void body(byte[] bytes, String mediaType) {
        this.body = bytes;
        this.contentType = mediaType;
    }

    public void addSecretQuery(String name, String value) {
        query.add(new Part(PercentEncoding.encode(name), PercentEncoding.encode(value), true));
    }

    public void addSecretHeader(String name, String value) {
        headers.add(new Part(name, value, true));
    }

    public void addSecretCookie(String name, String value) {
        cookies.add(new Part(name, value, true));
    }

    public UpstreamRequest toUpstream(Duration timeout) {
        return toUpstream(timeout, null);
    }

    /**
     * The request to send. Every header name and value is checked once more here, so no client ever
     * throws on one (its message could quote the value): flags and secrets were checked with a
     * better message already, this catches what a description itself brings (a header name).
     */
    public UpstreamRequest toUpstream(Duration timeout, Duration connectTimeout) {
        Map<String, List<String>> headers = headerMap(false);
        headers.forEach((name, values) -> {
            if (!HeaderValues.validName(name) || !values.stream().allMatch(HeaderValues::validValue)) {
                throw InvalidArguments.of("header '" + (HeaderValues.validName(name) ? name : "(invalid name)")
                        + "' cannot be sent over HTTP: its name or value has characters a header cannot carry");
            }
        });
        return new UpstreamRequest(method, URI.create(url(false)), headers, body, timeout, connectTimeout);
    }

    /** The request as shown by a dry run: credential values replaced by {@code ***}. */
    public ExecuteResult.RenderedRequest toRedacted() {
        Map<String, String> shown = new LinkedHashMap<>();
        headerMap(true).forEach((k, v) -> shown.put(k, String.join(", ", v)));
        return new ExecuteResult.RenderedRequest(method, url(true), shown, RenderedBody.describe(body, contentType));
    }

    private String url(boolean redacted) {
        StringBuilder sb = new StringBuilder(stripTrailingSlash(baseUrl)).append(path);
        String sep = "?";
        for (Part p : query) {
            sb.append(sep).append(p.name()).append('=').append(redacted ? p.shown() : p.value());
            sep = "&";
        }
        return sb.toString();
    }

    private Map<String, List<String>> headerMap(boolean redacted) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Part h : headers) out.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(redacted ? h.shown() : h.value());
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            for (Part c : cookies) pairs.add(c.name() + "=" + (redacted ? c.shown() : c.value()));
            out.put("Cookie", List.of(String.join("; ", pairs)));
        }
        if (body != null && contentType != null) out.put("Content-Type", List.of(contentType));
        return out;
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
