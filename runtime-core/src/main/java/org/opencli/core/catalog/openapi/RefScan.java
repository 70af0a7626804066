package org.opencli.core.catalog.openapi;

/**
 * A conservative byte scan that lets {@link ExternalRefs} skip its tree walk: a document can only
 * hold an external ref if some {@code $ref} in its text is followed (after quotes, colon and blanks)
 * by something other than {@code #}. False positives (a "$ref" in prose, a YAML alias) only cost the
 * walk; a miss would need the key itself escaped ({@code "\u0024ref"}), which we accept.
 */
final class RefScan {
    private RefScan() {
    }

    static boolean mayHaveExternalRefs(byte[] text) {
        int end = text.length - 4;
        for (int i = 0; i < end; i++) {
            if (text[i] != '$' || text[i + 1] != 'r' || text[i + 2] != 'e' || text[i + 3] != 'f') continue;
            int j = i + 4;
            while (j < text.length && isFiller(text[j])) j++;
            if (j < text.length && text[j] != '#') return true;
        }
        return false;
    }

    private static boolean isFiller(byte b) {
        return b == '"' || b == '\'' || b == ':' || b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
