package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import org.opencli.cli.runtime.ProblemException;
import org.opencli.core.error.Problem;

/** Adds what to do next to runtime refusals the user can act on (approval). */
final class Refusals {
    private Refusals() {
    }

    static JsonNode explain(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            Problem p = e.problem();
            if (!"approval_required".equals(p.code())) throw e;
            String detail = (p.detail() == null || p.detail().isBlank() ? p.title() : p.detail())
                    + " (pass --approval to confirm)";
            throw new ProblemException(new Problem(p.type(), p.title(), p.status(), detail, p.code(), p.errors()));
        }
    }
}
