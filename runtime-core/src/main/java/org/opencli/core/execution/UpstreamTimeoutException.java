package org.opencli.core.execution;

/**
 * The upstream accepted the connection but gave no complete answer in time (the attempt's
 * response timeout or the execution's total deadline): headers or body too slow, or trickling.
 */
public class UpstreamTimeoutException extends UpstreamConnectException {
    public UpstreamTimeoutException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
