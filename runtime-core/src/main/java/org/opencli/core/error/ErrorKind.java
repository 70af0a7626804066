package org.opencli.core.error;

/** Broad class of a failure; the service maps it to an HTTP status, the CLI to an exit code. */
public enum ErrorKind {
    BAD_REQUEST(400),
    CONFIG(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    UPSTREAM(502),
    /** Temporarily unable (shutting down, another process holds the audit trail): try again later. */
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
