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
 * Local files are read directly. http(s) goes through {@link HttpDocumentCache}: a cached copy still
 * fresh by {@link Freshness} is a {@code fresh_hit}; a manual-only source's copy past its lifetime is
 * served without asking, as a {@code stale_hit} (reason {@code manual_only}); otherwise the server is
 * asked with ETag/Last-Modified validators: 304 → {@code revalidated_hit}, 2xx → {@code miss}
 * (nothing cached) or {@code refreshed}; if the server cannot be reached or answers with an error
 * while a copy is cached → {@code stale_hit} with {@code stale=true} and the reason, unless the copy
 * says {@code must-revalidate} and is past its lifetime: then the fetch fails (the copy is kept for a
 * later 304). A forced refresh always asks. {@code Cache-Control: no-store} responses are never written to disk.
 */
final class StandardDocumentFetcher implements DocumentFetcher {
    private static final List<String> FRESHNESS_HEADERS = List.of("cache-control", "expires", "date");
    private static final List<String> KEPT_HEADERS = List.of("content-type", "link", "cache-control", "expires", "date");
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
                    null, null, false, null, null, clock.instant(), Map.of(), null, null, null);
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
        Optional<HttpDocumentCache.Hit> cached = cache.load(key);
        Instant now = clock.instant();
        if (cached.isPresent() && !req.forceRefresh()) {
            boolean fresh = expiresAt(cached.get().entry(), req).isAfter(now);
            // manualOnly: the operator said never to ask unless told; a copy past its lifetime is served but reported
            if (fresh) return fromCache(cached.get(), method, FetchOutcome.FRESH_HIT, null, req);
            if (req.manualOnly()) return fromCache(cached.get(), method, FetchOutcome.STALE_HIT, "manual_only", req);
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
            if (servableStale(cached, now, req)) return fromCache(cached.get(), method, FetchOutcome.STALE_HIT, "timeout", req);
            if (cached.isPresent()) throw mustRevalidate(req.ref(), method, "no answer in time");
            throw SourceLimits.readTimeout(method, req.ref(), limits.readTimeout());
        } catch (HttpTransport.InvalidAnswer e) {
            // it answered: a bad answer, not an unreachable publisher (nothing of it is quoted)
            String why = "the answer was not valid HTTP (a malformed status line or header)";
            if (servableStale(cached, now, req)) return fromCache(cached.get(), method, FetchOutcome.STALE_HIT, "invalid_answer", req);
            if (cached.isPresent()) throw mustRevalidate(req.ref(), method, why);
            throw failed(req.ref(), method, why, null);
        } catch (IOException | IllegalArgumentException e) {
            String why = "could not connect (" + e.getClass().getSimpleName() + ")";
            if (servableStale(cached, now, req)) return fromCache(cached.get(), method, FetchOutcome.STALE_HIT, "unreachable", req);
            if (cached.isPresent()) throw mustRevalidate(req.ref(), method, why);
            throw failed(req.ref(), method, why, e);
        }
        now = clock.instant();
        if (response.status() == 304 && cached.isPresent()) {
            HttpDocumentCache.Entry old = cached.get().entry();
            // a 304 may update the freshness headers; the body and the rest stay as stored
            Map<String, List<String>> merged = new LinkedHashMap<>(old.headers() == null ? Map.of() : old.headers());
            for (String name : FRESHNESS_HEADERS) {
                if (response.headers().containsKey(name)) merged.put(name, bounded(name, response.headers().get(name)));
            }
            String cacheControl = joined(merged, "cache-control");
            HttpDocumentCache.Entry renewed = new HttpDocumentCache.Entry(key, old.finalUrl(), old.statusCode(),
                    firstNonNull(validator(response.first("etag")), old.etag()),
                    firstNonNull(validator(response.first("last-modified")), old.lastModified()),
                    now.toEpochMilli(), old.bodySha256(), merged, cacheControl,
                    expiresAt(merged, now, req).toEpochMilli());
            storeOrForget(renewed, cached.get().body());
            return fromCache(new HttpDocumentCache.Hit(renewed, cached.get().body()), method,
                    FetchOutcome.REVALIDATED_HIT, null, req).withStatus(304);
        }
        if (response.status() < 200 || response.status() >= 300) {
            if (servableStale(cached, now, req)) {
                return fromCache(cached.get(), method, FetchOutcome.STALE_HIT, "http_" + response.status(), req);
            }
            if (cached.isPresent()) throw mustRevalidate(req.ref(), method, "HTTP " + response.status());
            throw failed(req.ref(), method, "HTTP " + response.status(), null);
        }
        Map<String, List<String>> kept = keptHeaders(response.headers());
        HttpDocumentCache.Entry entry = new HttpDocumentCache.Entry(key, response.finalUrl(), response.status(),
                validator(response.first("etag")), validator(response.first("last-modified")), now.toEpochMilli(),
                HttpDocumentCache.sha256(response.body()), kept, joined(kept, "cache-control"),
                expiresAt(kept, now, req).toEpochMilli());
        storeOrForget(entry, response.body());
        return fromCache(new HttpDocumentCache.Hit(entry, response.body()), method,
                cached.isPresent() ? FetchOutcome.REFRESHED : FetchOutcome.MISS, null, req);
    }

    /**
     * Whether a cached copy may be served stale when the publisher failed: always, except a copy whose
     * publisher said {@code must-revalidate} once it is past its lifetime (RFC 9111 §5.2.2.2: not
     * reused without a successful validation). Still within its lifetime (a forced refresh), it is.
     */
    private static boolean servableStale(Optional<HttpDocumentCache.Hit> cached, Instant now, FetchRequest req) {
        if (cached.isEmpty()) return false;
        HttpDocumentCache.Entry e = cached.get().entry();
        return !CacheControl.parse(e.cacheControl()).mustRevalidate() || expiresAt(e, req).isAfter(now);
    }

    /** The publisher failed and its {@code must-revalidate} copy is stale: refused as a first fetch is, the copy kept. */
    private static OcliException mustRevalidate(String url, String method, String why) {
        return failed(url, method, why + "; the cached copy is stale and its Cache-Control says must-revalidate, so it is"
                + " not served until the publisher confirms it", null);
    }

    /** {@code no-store}: never on disk, and an older stored copy of the same key goes too. */
    private void storeOrForget(HttpDocumentCache.Entry entry, byte[] body) {
        if (Freshness.storable(entry.cacheControl())) {
            cache.store(entry, body);
        } else {
            cache.drop(entry.key());
        }
    }

    private static Instant expiresAt(Map<String, List<String>> headers, Instant fetchedAt, FetchRequest req) {
        return Freshness.expiresAt(joined(headers, "cache-control"), first(headers, "expires"), first(headers, "date"),
                fetchedAt, req.maxAgeSeconds());
    }

    /** An entry written before {@code expiresAt} was recorded is judged by the rules now, from its headers. */
    private static Instant expiresAt(HttpDocumentCache.Entry e, FetchRequest req) {
        if (e.expiresAtMillis() != null) return Instant.ofEpochMilli(e.expiresAtMillis());
        return expiresAt(e.headers() == null ? Map.of() : e.headers(), Instant.ofEpochMilli(e.fetchedAtMillis()), req);
    }

    private FetchedDocument fromCache(HttpDocumentCache.Hit hit, String method, FetchOutcome outcome, String staleReason,
                                      FetchRequest req) {
        HttpDocumentCache.Entry e = hit.entry();
        boolean stale = outcome == FetchOutcome.STALE_HIT;
        Instant fetchedAt = Instant.ofEpochMilli(e.fetchedAtMillis());
        Instant expiresAt = expiresAt(e, req);
        List<String> ct = e.headers() == null ? null : e.headers().get("content-type");
        // A copy served stale because the publisher failed must be re-checked soon: its dependency is born expired.
        // One served stale under manualOnly stays current until an explicit refresh, as the operator asked.
        boolean manualOnly = req.manualOnly() && (!stale || "manual_only".equals(staleReason));
        DocumentDependency dep = DocumentDependency.ofRemote(req.ref(), stale ? Instant.EPOCH : fetchedAt,
                req.maxAgeSeconds() == null ? DocumentFetchers.DEFAULT_MAX_AGE_SECONDS : req.maxAgeSeconds(),
                manualOnly, stale ? Instant.EPOCH : expiresAt);
        return new FetchedDocument(e.finalUrl(), ct == null || ct.isEmpty() ? null : ct.get(0), hit.body(),
                outcome.wireName(), dep, method, e.statusCode(), stale, e.etag(), e.lastModified(), fetchedAt,
                e.headers() == null ? Map.of() : e.headers(), e.cacheControl(), expiresAt, staleReason);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Repeated header lines as one comma-joined value (RFC 9110 §5.3); null when absent. */
    private static String joined(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : String.join(", ", v);
    }

    private static Map<String, List<String>> keptHeaders(Map<String, List<String>> all) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            if (all.containsKey(name)) kept.put(name, bounded(name, all.get(name)));
        }
        return kept;
    }

    /**
     * A publisher's header as kept in the cache and shown in provenance: no rule reads more than
     * {@link CacheControl#MAX_HEADER_CHARS} characters of it, so no more is kept (a publisher could
     * otherwise put hundreds of KB into every catalog answer). {@code Cache-Control} lines are joined
     * first; of a date or content type only the first line counts. {@code Link} is kept whole: its
     * targets are the discovery chain.
     */
    private static List<String> bounded(String name, List<String> values) {
        if (values == null || values.isEmpty() || name.equals("link")) return values;
        String value = name.equals("cache-control") ? String.join(", ", values) : values.get(0);
        return List.of(value.length() <= CacheControl.MAX_HEADER_CHARS ? value : value.substring(0, CacheControl.MAX_HEADER_CHARS));
    }

    /** An {@code ETag} or {@code Last-Modified} too long to be a validator is treated as absent (no conditional request). */
    private static String validator(String value) {
        return value == null || value.length() > CacheControl.MAX_HEADER_CHARS ? null : value;
    }

    private static OcliException failed(String url, String method, String why, Throwable cause) {
        return new OcliException(ErrorKind.UPSTREAM, "source_fetch_failed", "Source fetch failed",
                method + " " + url + " failed: " + why, List.of(), cause);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
