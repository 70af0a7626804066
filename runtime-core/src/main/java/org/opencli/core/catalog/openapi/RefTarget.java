package org.opencli.core.catalog.openapi;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a {@code $ref} points: an absolute document URI (no fragment) and a JSON pointer inside it
 * ({@code ""} = the whole document). Relative refs resolve against the referring document's URI,
 * which is a {@code file:} URI for local files and the (post-redirect) URL for remote ones.
 */
record RefTarget(String document, String pointer) {

    static RefTarget of(String ref, String referringDocument) throws URISyntaxException {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        String document = file.isEmpty() ? referringDocument
                : canonical(new URI(referringDocument).resolve(new URI(file.replace(" ", "%20"))));
        // Fragments may be percent-encoded (e.g. %7B for '{'); pointers are compared decoded.
        String pointer = fragment.contains("%") ? new URI("x:#" + fragment).getFragment() : fragment;
        return new RefTarget(stripFragment(document), pointer);
    }

    /** One spelling per document: normalized, no fragment, {@code file:///} (as the fetcher reports locations). */
    static String canonical(URI uri) {
        URI n = uri.normalize();
        if ("file".equals(n.getScheme()) && n.getRawAuthority() == null) {
            try {
                n = new URI("file", "", n.getPath(), n.getQuery(), null);
            } catch (URISyntaxException e) {
                return stripFragment(n.toString());
            }
        }
        return stripFragment(n.toString());
    }

    static String stripFragment(String uri) {
        int hash = uri.indexOf('#');
        return hash < 0 ? uri : uri.substring(0, hash);
    }

    @Override
    public String toString() {
        return document + "#" + pointer;
    }
}
