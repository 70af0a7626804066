package org.opencli.core.execution;

/** The upstream's body exceeded {@link ExecutionSettings#maxResponseBytes()}. */
public class ResponseTooLargeException extends RuntimeException {
    public ResponseTooLargeException(long limit) {
        super("upstream response is larger than " + limit + " bytes");
    }
}
