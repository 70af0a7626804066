package org.opencli.core.audit.syslog;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.opencli.core.audit.AuditRecord;

/**
 * What the exporter keeps of a committed record until it is shipped: the fields the syslog header
 * and structured data need, plus the exact JSON line that becomes MSG. It is also the on-disk
 * backlog's line format (one JSON object per line), so a backlog written by one version is read
 * back without depending on {@link AuditRecord}'s shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyslogEntry(String timestamp, String eventType, Long seq, String decision, String toolId,
        String line) {

    public static SyslogEntry of(AuditRecord record, String line) {
        return new SyslogEntry(record.timestamp(), record.eventType(), record.seq(), record.decision(),
                record.toolId(), line);
    }
}
