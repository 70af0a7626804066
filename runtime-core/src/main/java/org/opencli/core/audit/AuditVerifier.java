package org.opencli.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the hash chain of a store: every line must parse, seqs must increase by exactly one (a
 * repeated, reused or missing seq fails: {@code duplicate_seq}, {@code reused_seq}, {@code seq_gap}), and
 * each {@code prevHash} must be the SHA-256 of the line before it (across file boundaries). The
 * first record ever must carry the all-zero hash; when older files were deleted by retention, the
 * oldest kept record's {@code prevHash} is accepted as the anchor and the result says so.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** {@code path} is the live file ({@code audit.log}) or the directory holding it. */
    public static AuditVerification verify(Path path) {
        Path live = Files.isDirectory(path) ? path.resolve("audit.log") : path;
        List<AuditFiles.Segment> segments;
        try {
            segments = AuditFiles.segments(live);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audit files next to " + live, e);
        }
        long count = 0;
        Long firstSeq = null;
        long prevSeq = 0;
        String prevHash = null;
        boolean anchored = false;
        try (AuditLines lines = new AuditLines(segments)) {
            while (lines.hasNext()) {
                AuditLines.Line line = lines.next();
                AuditRecord r = AuditLines.parse(line.text());
                if (r == null) return broken(line, null, "unparsable", "is not a valid audit record", count);
                if (prevHash == null) {
                    firstSeq = r.seq();
                    if (r.seq() == 1 && !AuditChain.GENESIS.equals(r.prevHash())) {
                        return broken(line, r.seq(), "hash_mismatch", "starts the chain but its prevHash is not all zeros", count);
                    }
                    anchored = r.seq() != 1;
                } else {
                    if (r.seq() == prevSeq) {
                        return broken(line, r.seq(), "duplicate_seq", "repeats seq " + r.seq() + " (a copied line, or a"
                                + " second writer that continued the chain from the same record)", count);
                    }
                    if (r.seq() < prevSeq) {
                        return broken(line, r.seq(), "reused_seq", "has seq " + r.seq() + " after seq " + prevSeq
                                + ": that seq was already used (a second writer, or lines moved)", count);
                    }
                    if (r.seq() != prevSeq + 1) {
                        AuditRecord after = lines.hasNext() ? AuditLines.parse(lines.next().text()) : null;
                        if (after != null && after.seq() == prevSeq + 1) { // the missing seq comes later: moved
                            return broken(line, r.seq(), "reorder", "has seq " + r.seq() + " before seq " + after.seq(), count);
                        }
                        return broken(line, r.seq(), "seq_gap", "has seq " + r.seq() + " but " + (prevSeq + 1)
                                + " was expected (records removed)", count);
                    }
                    if (!prevHash.equals(r.prevHash())) {
                        return broken(line, r.seq(), "hash_mismatch", "does not chain to the line before it"
                                + " (that line, or this one's prevHash, was edited)", count);
                    }
                }
                prevSeq = r.seq();
                prevHash = AuditChain.hash(line.text());
                count++;
            }
        }
        String message = "verified " + count + " records"
                + (count == 0 ? "" : " (seq " + firstSeq + ".." + prevSeq + ")")
                + (anchored ? "; older files were removed by retention, so the chain is anchored at seq " + firstSeq
                        + " (its prevHash was accepted)" : "");
        return new AuditVerification(true, count, firstSeq, count == 0 ? null : prevSeq, anchored, null, null, null,
                null, message);
    }

    private static AuditVerification broken(AuditLines.Line line, Long seq, String reason, String what, long count) {
        String file = line.segment().path().toString();
        String message = file + " line " + line.number() + (seq == null ? "" : " (seq " + seq + ")") + " " + what;
        return new AuditVerification(false, count, null, null, false, file, line.number(), seq, reason, message);
    }
}
