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

    // each field's `"name":`, encoded once
    private static final byte[] SEQ = key("seq");
    private static final byte[] TIMESTAMP = key("timestamp");
    private static final byte[] EVENT_TYPE = key("eventType");
    private static final byte[] PRINCIPAL = key("principal");
    private static final byte[] CLIENT_ID = key("clientId");
    private static final byte[] ACTORS = key("actors");
    private static final byte[] SESSION_ID = key("sessionId");
    private static final byte[] REQUEST_ID = key("requestId");
    private static final byte[] INSTANCE_ID = key("instanceId");
    private static final byte[] SUBJECT_ID = key("subjectId");
    private static final byte[] TENANT_ID = key("tenantId");
    private static final byte[] AGENT_PROFILE = key("agentProfile");
    private static final byte[] TOOL_ID = key("toolId");
    private static final byte[] SERVICE_ID = key("serviceId");
    private static final byte[] TARGET_BASE_URL = key("targetBaseUrl");
    private static final byte[] DECISION = key("decision");
    private static final byte[] REASON_CODE = key("reasonCode");
    private static final byte[] CODE = key("code");
    private static final byte[] METHOD = key("method");
    private static final byte[] PATH = key("path");
    private static final byte[] AUTH_SCHEME = key("authScheme");
    private static final byte[] REQUEST_SIZE = key("requestSize");
    private static final byte[] STATUS_CODE = key("statusCode");
    private static final byte[] LATENCY_MS = key("latencyMs");
    private static final byte[] RETRY_COUNT = key("retryCount");
    private static final byte[] DETAIL = key("detail");
    private static final byte[] PREV_HASH = key("prevHash");

    private static final int STRING_FIELDS = 21;

    private byte[] buf = new byte[1024];
    private int len;
    /**
     * Per string field, the value last rendered and, once the same String was seen twice in a row, its
     * rendered bytes: most fields (tool, service, base URL, decision, ...) are the same instances from
     * record to record, so their bytes are copied instead of checked character by character. A value
     * that changes every time (timestamp, request id) never allocates here.
     */
    private final String[] lastValue = new String[STRING_FIELDS];
    private final byte[][] lastBytes = new byte[STRING_FIELDS][];

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
        String instance = r.instanceId() != null ? r.instanceId() : instanceId;
        raw('{');
        boolean plain = string(0, TIMESTAMP, r.timestamp())
                && string(1, EVENT_TYPE, r.eventType())
                && string(2, PRINCIPAL, r.principal())
                && string(3, CLIENT_ID, r.clientId())
                && strings(ACTORS, r.actors())
                && string(4, SESSION_ID, r.sessionId())
                && string(5, REQUEST_ID, r.requestId())
                && string(6, INSTANCE_ID, instance)
                && string(19, SUBJECT_ID, r.subjectId())
                && string(20, TENANT_ID, r.tenantId())
                && string(7, AGENT_PROFILE, r.agentProfile())
                && string(8, TOOL_ID, r.toolId())
                && string(9, SERVICE_ID, r.serviceId())
                && string(10, TARGET_BASE_URL, r.targetBaseUrl())
                && string(11, DECISION, r.decision())
                && string(12, REASON_CODE, r.reasonCode())
                && string(13, CODE, r.code())
                && string(14, METHOD, r.method())
                && string(15, PATH, r.path())
                && string(16, AUTH_SCHEME, r.authScheme())
                && number(REQUEST_SIZE, r.requestSize())
                && number(STATUS_CODE, r.statusCode())
                && number(LATENCY_MS, r.latencyMs())
                && number(RETRY_COUNT, r.retryCount())
                && string(17, DETAIL, r.detail())
                && number(SEQ, r.seq())
                && string(18, PREV_HASH, r.prevHash());
        // Json.write, not writeBytes: Jackson's byte generator escapes surrogate pairs (\\uD83D\\uDE80) where
        // its String writer, which the store has always used, keeps the character itself
        if (!plain) {
            AuditRecord stamped = instance == r.instanceId() ? r : r.withInstanceId(instance);
            return Json.write(stamped).getBytes(StandardCharsets.UTF_8);
        }
        raw('}');
        return Arrays.copyOf(buf, len);
    }

    private static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    private void name(byte[] key) {
        ensure(key.length + 1);
        if (len > 1) buf[len++] = ',';
        System.arraycopy(key, 0, buf, len, key.length);
        len += key.length;
    }

    /** False (and the record goes to Jackson) at the first character that is not printable ASCII. */
    private boolean string(int slot, byte[] name, String value) {
        if (value == null) return true;
        name(name);
        if (value == lastValue[slot]) {
            byte[] cached = lastBytes[slot];
            if (cached != null) {
                ensure(cached.length);
                System.arraycopy(cached, 0, buf, len, cached.length);
                len += cached.length;
                return true;
            }
            int start = len;
            if (!quoted(value)) return false;
            lastBytes[slot] = Arrays.copyOfRange(buf, start, len);
            return true;
        }
        lastValue[slot] = value;
        lastBytes[slot] = null;
        return quoted(value);
    }

    /** A string array (the actor chain, a few short ids): not cached per slot. */
    private boolean strings(byte[] name, java.util.List<String> values) {
        if (values == null) return true;
        name(name);
        raw('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) raw(',');
            String v = values.get(i);
            if (v == null) {
                ascii("null");
            } else if (!quoted(v)) {
                return false;
            }
        }
        raw(']');
        return true;
    }

    private boolean quoted(String value) {
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

    private boolean number(byte[] name, Number value) {
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
