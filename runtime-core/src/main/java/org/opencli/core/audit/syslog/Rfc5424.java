package org.opencli.core.audit.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Renders an audit entry as an RFC 5424 message and frames it for TCP with RFC 6587 octet
 * counting ({@code LEN SP MSG}), which survives newlines and needs no delimiter escaping.
 */
public final class Rfc5424 {
    /** Facility 13: log audit. */
    public static final int FACILITY_LOG_AUDIT = 13;
    public static final int SEVERITY_WARNING = 4;
    public static final int SEVERITY_INFO = 6;
    /** The SD-ID of our structured data; 32473 is the enterprise number RFC 5612 reserves for examples. */
    public static final String SD_ID = "ocli@32473";
    public static final String NIL = "-";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    private Rfc5424() {
    }

    /** deny and error decisions are warnings; everything else is informational. */
    public static int severity(String decision) {
        return "deny".equals(decision) || "error".equals(decision) ? SEVERITY_WARNING : SEVERITY_INFO;
    }

    /**
     * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [ocli@32473 ...] MSG}; {@code dropped}
     * greater than zero adds {@code dropped="N"} (records the backlog had to discard since the last report).
     */
    public static String message(SyslogEntry entry, String hostname, String appName, String procId, long dropped) {
        StringBuilder b = new StringBuilder(256 + (entry.line() == null ? 0 : entry.line().length()));
        b.append('<').append(FACILITY_LOG_AUDIT * 8 + severity(entry.decision())).append(">1 ")
                .append(timestamp(entry.timestamp())).append(' ')
                .append(headerField(hostname, 255)).append(' ')
                .append(headerField(appName, 48)).append(' ')
                .append(headerField(procId, 128)).append(' ')
                .append(headerField(entry.eventType(), 32)).append(' ')
                .append('[').append(SD_ID);
        param(b, "seq", entry.seq() == null ? null : entry.seq().toString());
        param(b, "decision", entry.decision());
        param(b, "toolId", entry.toolId());
        if (dropped > 0) param(b, "dropped", Long.toString(dropped));
        b.append(']');
        if (entry.line() != null && !entry.line().isEmpty()) b.append(' ').append(entry.line());
        return b.toString();
    }

    /** RFC 6587 octet-counting frame: the decimal byte length of the message, a space, the message. */
    public static byte[] frame(String message) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] len = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[len.length + msg.length];
        System.arraycopy(len, 0, out, 0, len.length);
        System.arraycopy(msg, 0, out, len.length, msg.length);
        return out;
    }

    /** PARAM-VALUE escaping (RFC 5424 §6.3.3): '"', '\' and ']' get a backslash. */
    public static String escapeParamValue(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    /** The record's own time at microsecond precision in UTC; NILVALUE when it is missing or unparsable. */
    static String timestamp(String value) {
        if (value == null || value.isBlank()) return NIL;
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            return TIMESTAMP.format(instant);
        } catch (DateTimeParseException e) {
            return NIL;
        }
    }

    /** Header fields are PRINTUSASCII without spaces and length-capped; anything else becomes '_'. */
    static String headerField(String value, int maxLength) {
        if (value == null || value.isEmpty()) return NIL;
        StringBuilder b = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && b.length() < maxLength; i++) {
            char c = value.charAt(i);
            b.append(c >= 33 && c <= 126 ? c : '_');
        }
        return b.toString();
    }

    private static void param(StringBuilder b, String name, String value) {
        if (value == null) return;
        b.append(' ').append(name).append("=\"").append(escapeParamValue(value)).append('"');
    }
}
