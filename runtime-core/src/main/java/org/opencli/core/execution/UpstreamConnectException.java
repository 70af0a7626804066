package org.opencli.core.execution;

/** The upstream could not be reached (refused, reset, DNS, connect or response timeout). */
public class UpstreamConnectException extends RuntimeException {
    private final boolean timeout;

    public UpstreamConnectException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean isTimeout() {
        return timeout;
    }
}
