package org.opencli.core.execution;

/** The upstream's body cannot be decoded (corrupt or truncated gzip/deflate); never retried. */
public class UpstreamBodyException extends RuntimeException {
    public UpstreamBodyException(String message) {
        super(message);
    }
}
