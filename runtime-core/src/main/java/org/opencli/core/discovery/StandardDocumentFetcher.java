package org.opencli.core.discovery;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.io.BoundedFiles;
import org.opencli.core.io.CappedBody;

/**
 * Local files are read directly. http(s) goes through {@link HttpDocumentCache}: a cached copy
 * younger than the max age (or any cached copy of a manual-only source) is a {@code fresh_hit};
 * otherwise the server is asked with ETag/Last-Modified validators: 304 → {@code revalidated_hit},
 * 2xx → {@code miss} (nothing cached) or {@code refreshed}; if the server cannot be reached or
 * answers with an error while a copy is cached → {@code stale_hit} with {@code stale=true}.
 */
final class StandardDocumentFetcher implements DocumentFetcher {
    private final HttpDocumentCache cache;
    private final HttpTransport http;
    private final Clock clock;
    private final DocumentLimits limits;

    StandardDocumentFetcher(HttpDocumentCache cache, HttpTransport http, Clock clock, DocumentLimits limits) {
        this.cache = cache;
        this.http = http;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public DocumentLimits limits() {
        return limits;
    }

    @Override
    public FetchedDocument fetch(String ref, Path baseDir, String accept) {
        return fetch(FetchRequest.get(ref, baseDir, accept));
    }

    @Override
    public FetchedDocument fetch(FetchRequest request) {
        String ref = request.ref();
        if (ref.startsWith("http://") || ref.startsWith("https://")) return fetchHttp(request);
        return readFile(localPath(request));
    }

    /** A path or {@code file:} URI as a local path; a reference that is neither is a located 400, not a crash. */
    private static Path localPath(FetchRequest request) {
        String ref = request.ref();
        try {
            if (ref.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL");
            return ref.startsWith("file:") ? Path.of(URI.create(ref))
                    : (request.baseDir() == null ? Path.of(ref) : request.baseDir().resolve(ref)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new OcliException(ErrorKind.CONFIG, "document_not_found", "Document not found",
                    "the document reference is not a usable path or file: URI (" + ref.length() + " characters)");
        }
    }

    private FetchedDocument readFile(Path file) {
        try {
            byte[] bytes = BoundedFiles.read(file, limits.maxBytes());
            return new FetchedDocument(file.toUri().toString(), null, bytes, null, DocumentDependency.ofFile(file),
                    null, null, false, null, null, clock.instant(), Map.of());
        } catch (NoSuchFileException e) {
            throw new OcliException(ErrorKind.CONFIG, "document_not_found", "Document not found",
                    "no file at " + file);
        } catch (BoundedFiles.TooLarge e) {
            throw SourceLimits.tooLarge(file.toUri().toString(), limits.maxBytes());
        } catch (BoundedFiles.NotRegularFile e) {
            throw SourceLimits.notRegularFile(file.toUri().toString());
        } catch (IOException e) {
            // the exception's message may be the OS's words about the file, never its bytes; keep to the class
            throw new OcliException(ErrorKind.CONFIG, "document_unreadable", "Document unreadable",
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private FetchedDocument fetchHttp(FetchRequest req) {
        String method = req.method() == null ? "GET" : req.method();
        String key = HttpDocumentCache.key(method, req.ref(), req.accept());
        int maxAge = req.maxAgeSeconds() == null ? DocumentFetchers.DEFAULT_MAX_AGE_SECONDS : req.maxAgeSeconds();
        Optional<HttpDocumentCache.Hit> cached = cache.load(key);
        Instant now = clock.instant();
        if (cached.isPresent() && !req.forceRefresh()) {
            Instant fetchedAt = Instant.ofEpochMilli(cached.get().entry().fetchedAtMillis());
            if (req.manualOnly() || fetchedAt.plusSeconds(maxAge).isAfter(now)) {
                return fromCache(cached.get(), method, FetchOutcome.FRESH_HIT.wireName(), false, fetchedAt, req);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (req.accept() != null && !req.accept().isBlank()) headers.put("Accept", req.accept());
        cached.ifPresent(hit -> {
            if (hit.entry().etag() != null) headers.put("If-None-Match", hit.entry().etag());
            if (hit.entry().lastModified() != null) headers.put("If-Modified-Since", hit.entry().lastModified());
        });
        HttpTransport.Response response;
        try {
            response = http.send(method, req.ref(), headers);
        } catch (CappedBody.TooLarge e) {
            // never cached and never served stale in its place: the source is refused as it is now
            throw SourceLimits.tooLarge(req.ref(), limits.maxBytes());
        } catch (HttpTransport.Timeout e) {
            if (cached.isPresent()) return staleOrFail(cached.get(), method, req);
            throw SourceLimits.readTimeout(method, req.ref(), limits.readTimeout());
        } catch (IOException | IllegalArgumentException e) {
            if (cached.isPresent()) return staleOrFail(cached.get(), method, req);
            throw failed(req.ref(), method, "could not connect (" + e.getClass().getSimpleName() + ")", e);
        }
        if (response.status() == 304 && cached.isPresent()) {
            HttpDocumentCache.Entry old = cached.get().entry();
            HttpDocumentCache.Entry renewed = new HttpDocumentCache.Entry(key, old.finalUrl(), old.statusCode(),
                    firstNonNull(response.first("etag"), old.etag()),
                    firstNonNull(response.first("last-modified"), old.lastModified()),
                    now.toEpochMilli(), old.bodySha256(), old.headers());
            cache.store(renewed, cached.get().body());
            return fromCache(new HttpDocumentCache.Hit(renewed, cached.get().body()), method, FetchOutcome.REVALIDATED_HIT.wireName(),
                    false, now, req).withStatus(304);
        }
        if (response.status() < 200 || response.status() >= 300) {
            if (cached.isPresent()) return staleOrFail(cached.get(), method, req);
            throw failed(req.ref(), method, "HTTP " + response.status(), null);
        }
        HttpDocumentCache.Entry entry = new HttpDocumentCache.Entry(key, response.finalUrl(), response.status(),
                response.first("etag"), response.first("last-modified"), now.toEpochMilli(),
                HttpDocumentCache.sha256(response.body()), keptHeaders(response.headers()));
        cache.store(entry, response.body());
        return fromCache(new HttpDocumentCache.Hit(entry, response.body()), method,
                (cached.isPresent() ? FetchOutcome.REFRESHED : FetchOutcome.MISS).wireName(), false, now, req);
    }

    private FetchedDocument staleOrFail(HttpDocumentCache.Hit hit, String method, FetchRequest req) {
        Instant fetchedAt = Instant.ofEpochMilli(hit.entry().fetchedAtMillis());
        return fromCache(hit, method, FetchOutcome.STALE_HIT.wireName(), true, fetchedAt, req);
    }

    private FetchedDocument fromCache(HttpDocumentCache.Hit hit, String method, String outcome, boolean stale,
                                      Instant fetchedAt, FetchRequest req) {
        HttpDocumentCache.Entry e = hit.entry();
        List<String> ct = e.headers() == null ? null : e.headers().get("content-type");
        // A stale copy must be re-checked soon, so its dependency is born expired.
        DocumentDependency dep = DocumentDependency.ofRemote(req.ref(), stale ? Instant.EPOCH : fetchedAt,
                req.maxAgeSeconds() == null ? DocumentFetchers.DEFAULT_MAX_AGE_SECONDS : req.maxAgeSeconds(),
                req.manualOnly() && !stale);
        return new FetchedDocument(e.finalUrl(), ct == null || ct.isEmpty() ? null : ct.get(0), hit.body(), outcome,
                dep, method, e.statusCode(), stale, e.etag(), e.lastModified(), fetchedAt,
                e.headers() == null ? Map.of() : e.headers());
    }

    private static Map<String, List<String>> keptHeaders(Map<String, List<String>> all) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : List.of("content-type", "link", "cache-control")) {
            if (all.containsKey(name)) kept.put(name, all.get(name));
        }
        return kept;
    }

    private static OcliException failed(String url, String method, String why, Throwable cause) {
        return new OcliException(ErrorKind.UPSTREAM, "source_fetch_failed", "Source fetch failed",
                method + " " + url + " failed: " + why, List.of(), cause);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
