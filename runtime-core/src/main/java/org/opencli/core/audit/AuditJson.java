package org.opencli.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.opencli.core.json.Json;

/**
 * A record's JSON without reflection: the bytes {@link Json#MAPPER} writes for it (fields in
 * {@link AuditRecord}'s {@code @JsonPropertyOrder}, nulls omitted, no whitespace), at a fraction of
 * the cost, because rendering is the largest per-record cost of an append. Strings of printable
 * ASCII are written here ({@code "} and {@code \} escaped as Jackson does); a record with any other
 * character in a string is handed to Jackson ({@link Json#write}), so escaping and UTF-8 stay Jackson's.
 * {@code AuditJsonTest} checks the equality, every component included.
 */
final class AuditJson {
    /** One scratch buffer per thread: rendering then allocates only the exact-size result. */
    private static final ThreadLocal<AuditJson> SCRATCH = ThreadLocal.withInitial(AuditJson::new);
    private static final int KEPT_BUFFER_BYTES = 16 * 1024;

    private byte[] buf = new byte[1024];
    private int len;

    private AuditJson() {
    }

    static byte[] write(AuditRecord r) {
        return write(r, null);
    }

    /**
     * As {@link #write(AuditRecord)} for {@code r} with {@code instanceId} filled in when it has none:
     * the store stamps its own instance id without copying the record.
     */
    static byte[] write(AuditRecord r, String instanceId) {
        AuditJson w = SCRATCH.get();
        w.len = 0;
        try {
            return w.render(r, instanceId);
        } finally {
            if (w.buf.length > KEPT_BUFFER_BYTES) w.buf = new byte[1024]; // an outsized record's buffer is not kept
        }
    }

    private byte[] render(AuditRecord r, String instanceId) {
        AuditJson w = this;
        String instance = r.instanceId() != null ? r.instanceId() : instanceId;
        w.raw('{');
        w.number("seq", r.seq());
        boolean plain = w.string("timestamp", r.timestamp())
                && w.string("eventType", r.eventType())
                && w.string("principal", r.principal())
                && w.string("clientId", r.clientId())
                && w.string("sessionId", r.sessionId())
                && w.string("requestId", r.requestId())
                && w.string("instanceId", instance)
                && w.string("agentProfile", r.agentProfile())
                && w.string("toolId", r.toolId())
                && w.string("serviceId", r.serviceId())
                && w.string("targetBaseUrl", r.targetBaseUrl())
                && w.string("decision", r.decision())
                && w.string("reasonCode", r.reasonCode())
                && w.string("code", r.code())
                && w.string("method", r.method())
                && w.string("path", r.path())
                && w.string("authScheme", r.authScheme())
                && w.number("requestSize", r.requestSize())
                && w.number("statusCode", r.statusCode())
                && w.number("latencyMs", r.latencyMs())
                && w.number("retryCount", r.retryCount())
                && w.string("detail", r.detail())
                && w.string("prevHash", r.prevHash());
        // Json.write, not writeBytes: Jackson's byte generator escapes surrogate pairs (\\uD83D\\uDE80) where
        // its String writer, which the store has always used, keeps the character itself
        if (!plain) {
            AuditRecord stamped = instance == r.instanceId() ? r : r.withInstanceId(instance);
            return Json.write(stamped).getBytes(StandardCharsets.UTF_8);
        }
        w.raw('}');
        return Arrays.copyOf(w.buf, w.len);
    }

    private void name(String name) {
        if (len > 1) raw(',');
        raw('"');
        ascii(name);
        raw('"');
        raw(':');
    }

    /** False (and the record goes to Jackson) at the first character that is not printable ASCII. */
    private boolean string(String name, String value) {
        if (value == null) return true;
        name(name);
        ensure(value.length() * 2 + 2);
        buf[len++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
            if (c == '"' || c == '\\') buf[len++] = '\\';
            buf[len++] = (byte) c;
        }
        buf[len++] = '"';
        return true;
    }

    private boolean number(String name, Number value) {
        if (value == null) return true;
        name(name);
        ascii(value.toString());
        return true;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) buf[len++] = (byte) s.charAt(i);
    }

    private void raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
