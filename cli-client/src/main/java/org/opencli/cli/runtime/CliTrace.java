package org.opencli.cli.runtime;

import org.opencli.core.observe.TraceContext;

/**
 * The one trace an ocli command runs in ({@code TRACEPARENT} continued, else a new one): every
 * request to a runtime carries it, so the runtime's spans of one command (catalog, execution) form
 * one trace, and embedded mode sends it to upstreams. ocli records no spans itself.
 */
public final class CliTrace {
    public static final TraceContext.Trace TRACE = TraceContext.fromEnvironment(System.getenv("TRACEPARENT"));

    private CliTrace() {
    }
}
