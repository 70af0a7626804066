package org.opencli.core.audit;

/**
 * What a feed subscriber receives: a committed {@code record}, or a {@code gap} telling it that the
 * matching records {@code fromSeq..toSeq} were dropped because it read too slowly (fetch them from
 * the query API).
 */
public record AuditFeedEvent(AuditRecord record, Long fromSeq, Long toSeq) {
    static AuditFeedEvent of(AuditRecord record) {
        return new AuditFeedEvent(record, null, null);
    }

    static AuditFeedEvent gap(long fromSeq, long toSeq) {
        return new AuditFeedEvent(null, fromSeq, toSeq);
    }

    public boolean isGap() {
        return record == null;
    }

    /** The record's seq, or the gap's last seq: where a resuming subscriber continues from. */
    public long seq() {
        return isGap() ? toSeq : record.seq();
    }
}
