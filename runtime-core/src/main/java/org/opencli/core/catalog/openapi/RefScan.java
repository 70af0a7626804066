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
        // Horspool search for "$ref": look at the 4th byte and skip up to 4 bytes at a time.
        int i = 0;
        int last = text.length - 4;
        while (i <= last) {
            byte c = text[i + 3];
            if (c == 'f' && text[i] == '$' && text[i + 1] == 'r' && text[i + 2] == 'e') {
                int j = i + 4;
                while (j < text.length && isFiller(text[j])) j++;
                if (j < text.length && text[j] != '#') return true;
            }
            i += c == 'e' ? 1 : c == 'r' ? 2 : c == '$' ? 3 : 4;
        }
        return false;
    }

    private static boolean isFiller(byte b) {
        return b == '"' || b == '\'' || b == ':' || b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
