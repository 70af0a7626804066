package org.opencli.core.discovery;

import java.nio.file.Path;

/**
 * What to fetch and how fresh it must be. {@code ref} is a path (relative to {@code baseDir}),
 * {@code file://} or http(s) URL. {@code maxAgeSeconds} null means the fetcher's default;
 * {@code manualOnly} reuses a cached copy until {@code forceRefresh}.
 */
public record FetchRequest(String ref, Path baseDir, String method, String accept, Integer maxAgeSeconds,
        boolean manualOnly, boolean forceRefresh) {

    public static FetchRequest get(String ref, Path baseDir, String accept) {
        return new FetchRequest(ref, baseDir, "GET", accept, null, false, false);
    }

    public FetchRequest withMethod(String m) {
        return new FetchRequest(ref, baseDir, m, accept, maxAgeSeconds, manualOnly, forceRefresh);
    }

    public FetchRequest withRef(String r) {
        return new FetchRequest(r, baseDir, method, accept, maxAgeSeconds, manualOnly, forceRefresh);
    }

    public FetchRequest withAccept(String a) {
        return new FetchRequest(ref, baseDir, method, a, maxAgeSeconds, manualOnly, forceRefresh);
    }
}
