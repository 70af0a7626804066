package org.opencli.core.audit;

import java.util.List;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** Whether the store can write; the reason when it cannot. Read by appenders and readiness. */
final class AuditHealth {
    private volatile String problem = "not opened yet";

    boolean healthy() {
        return problem == null;
    }

    String problem() {
        return problem;
    }

    void up() {
        problem = null;
    }

    void down(String why) {
        problem = why == null ? "unknown failure" : why;
    }

    /** The failure every refused append carries: executions are refused while audit cannot be written. */
    static OcliException unavailable(String detail, Throwable cause) {
        return new OcliException(ErrorKind.INTERNAL, "audit_unavailable", "Audit log unavailable", detail, List.of(), cause);
    }
}
