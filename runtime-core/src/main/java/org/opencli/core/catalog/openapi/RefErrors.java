package org.opencli.core.catalog.openapi;

import java.util.List;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/** The one error for a {@code $ref} that cannot be followed: names the referring file, where the ref sits and its target. */
final class RefErrors {
    private RefErrors() {
    }

    static OcliException unresolved(String file, String pointer, String target, String why, Throwable cause) {
        String where = "#" + pointer;
        return new OcliException(ErrorKind.CONFIG, "unresolved_ref", "Unresolved $ref",
                file + ": $ref at " + where + " to " + target + " cannot be resolved: " + why,
                List.of(new ProblemItem(file, where, "$ref " + target + " cannot be resolved: " + why,
                        "a reachable document containing the JSON pointer")), cause);
    }
}
