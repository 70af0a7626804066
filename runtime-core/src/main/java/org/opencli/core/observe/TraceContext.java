package org.opencli.core.observe;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context ({@code traceparent}) without a tracing library, for ocli: embedded mode sends
 * it to upstreams, daemon mode to the runtime, so one command is one trace. Random ids need no
 * {@code SecureRandom}: they correlate, they grant nothing.
 */
public final class TraceContext {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** A trace: its id and flags ({@code 01}: sampled). */
    public record Trace(String traceId, String flags) {
        /** This trace's {@code traceparent} with {@code spanId} as the parent the receiver continues from. */
        public String traceparent(String spanId) {
            return "00-" + traceId + "-" + spanId + "-" + flags;
        }

        /** A {@code traceparent} with a new span id of this trace. */
        public String nextTraceparent() {
            return traceparent(newSpanId());
        }
    }

    private TraceContext() {
    }

    /**
     * The trace an ocli process runs in: the one its {@code TRACEPARENT} environment variable names
     * (the OpenTelemetry convention for passing context to a child process), else a new sampled one.
     */
    public static Trace fromEnvironment(String traceparent) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) return new Trace(m.group(1), m.group(3));
        }
        return new Trace(newTraceId(), "01");
    }

    public static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = r.nextLong();
        long low = r.nextLong();
        if (high == 0 && low == 0) low = 1;
        return hex(high) + hex(low);
    }

    public static String newSpanId() {
        long id = ThreadLocalRandom.current().nextLong();
        return hex(id == 0 ? 1 : id);
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
    }
}
