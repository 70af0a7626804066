package org.opencli.core.audit;

/**
 * The outcome of walking a chain. When {@code verified}, {@code records} were checked from
 * {@code firstSeq} to {@code lastSeq}; {@code anchored} means the oldest kept file does not start the
 * chain (older files were removed by retention) and its first {@code prevHash} was accepted as the
 * anchor. Otherwise {@code file}, {@code line}, {@code seq} and {@code reason} (hash_mismatch, seq_gap,
 * duplicate_seq, reused_seq, reorder, unparsable) locate the first broken record. {@code message} says it in one sentence.
 */
public record AuditVerification(
        boolean verified,
        long records,
        Long firstSeq,
        Long lastSeq,
        boolean anchored,
        String file,
        Long line,
        Long seq,
        String reason,
        String message) {
}
