package org.opencli.core.discovery;

import java.time.Duration;
import java.util.List;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/** The problems a source document over one of its {@link DocumentLimits} becomes. */
final class SourceLimits {
    private SourceLimits() {
    }

    static OcliException tooLarge(String location, long maxBytes) {
        String why = "the document is larger than the limit of " + maxBytes + " bytes";
        return new OcliException(ErrorKind.CONFIG, "source_too_large", "Source too large", location + ": " + why,
                List.of(new ProblemItem(location, null, why, "at most " + maxBytes + " bytes (OCLI_DOCUMENT_MAX_BYTES)")));
    }

    static OcliException tooSlow(String location, Duration parseTimeout) {
        String why = "parsing took longer than " + parseTimeout.toSeconds() + " s";
        return new OcliException(ErrorKind.CONFIG, "source_too_complex", "Source too complex", location + ": " + why,
                List.of(new ProblemItem(location, null, why, null)));
    }

    static OcliException notRegularFile(String location) {
        String why = "not a regular file (a FIFO, socket, device or directory is never read)";
        return new OcliException(ErrorKind.CONFIG, "document_unreadable", "Document unreadable", location + ": " + why,
                List.of(new ProblemItem(location, null, why, "a regular file")));
    }

    static OcliException readTimeout(String method, String url, Duration readTimeout) {
        return new OcliException(ErrorKind.UPSTREAM, "source_timeout", "Source fetch timed out",
                method + " " + url + " did not arrive whole within " + readTimeout.toSeconds() + " s");
    }
}
