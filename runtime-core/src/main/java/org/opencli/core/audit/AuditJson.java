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
    private byte[] buf = new byte[512];
    private int len;

    private AuditJson() {
    }

    static byte[] write(AuditRecord r) {
        // Json.write, not writeBytes: Jackson's byte generator escapes surrogate pairs (\\uD83D\\uDE80) where
        // its String writer, which the store has always used, keeps the character itself
        if (!plain(r)) return Json.write(r).getBytes(StandardCharsets.UTF_8);
        AuditJson w = new AuditJson();
        w.raw('{');
        w.number("seq", r.seq());
        w.string("timestamp", r.timestamp());
        w.string("eventType", r.eventType());
        w.string("principal", r.principal());
        w.string("clientId", r.clientId());
        w.string("sessionId", r.sessionId());
        w.string("requestId", r.requestId());
        w.string("instanceId", r.instanceId());
        w.string("agentProfile", r.agentProfile());
        w.string("toolId", r.toolId());
        w.string("serviceId", r.serviceId());
        w.string("targetBaseUrl", r.targetBaseUrl());
        w.string("decision", r.decision());
        w.string("reasonCode", r.reasonCode());
        w.string("code", r.code());
        w.string("method", r.method());
        w.string("path", r.path());
        w.string("authScheme", r.authScheme());
        w.number("requestSize", r.requestSize());
        w.number("statusCode", r.statusCode());
        w.number("latencyMs", r.latencyMs());
        w.number("retryCount", r.retryCount());
        w.string("detail", r.detail());
        w.string("prevHash", r.prevHash());
        w.raw('}');
        return Arrays.copyOf(w.buf, w.len);
    }

    /** Whether every string holds only printable ASCII (what this class writes itself). */
    private static boolean plain(AuditRecord r) {
        return plain(r.timestamp()) && plain(r.eventType()) && plain(r.principal()) && plain(r.clientId())
                && plain(r.sessionId()) && plain(r.requestId()) && plain(r.instanceId()) && plain(r.agentProfile())
                && plain(r.toolId()) && plain(r.serviceId()) && plain(r.targetBaseUrl()) && plain(r.decision())
                && plain(r.reasonCode()) && plain(r.code()) && plain(r.method()) && plain(r.path())
                && plain(r.authScheme()) && plain(r.detail()) && plain(r.prevHash());
    }

    private static boolean plain(String s) {
        if (s == null) return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }

    private void name(String name) {
        if (len > 1) raw(',');
        raw('"');
        ascii(name);
        raw('"');
        raw(':');
    }

    private void string(String name, String value) {
        if (value == null) return;
        name(name);
        ensure(value.length() * 2 + 2);
        buf[len++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') buf[len++] = '\\';
            buf[len++] = (byte) c;
        }
        buf[len++] = '"';
    }

    private void number(String name, Number value) {
        if (value == null) return;
        name(name);
        ascii(value.toString());
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
