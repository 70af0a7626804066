package org.opencli.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Records with {@code afterSeq < seq <= upToSeq} matching a filter, oldest first, streamed across
 * rotated, gzipped and live files. Rotated files wholly at or before {@code afterSeq} are not opened.
 */
final class AuditScan implements Iterator<AuditRecord>, AutoCloseable {
    private final AuditLines lines;
    private final AuditFilter filter;
    private final long afterSeq;
    private final long upToSeq;
    private AuditRecord next;
    private boolean done;

    AuditScan(Path live, AuditFilter filter, long afterSeq, long upToSeq) {
        this.filter = filter;
        this.afterSeq = afterSeq;
        this.upToSeq = upToSeq;
        try {
            List<AuditFiles.Segment> segments = AuditFiles.segments(live).stream()
                    .filter(s -> s.live() || s.lastSeq() > afterSeq).toList();
            this.lines = new AuditLines(segments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audit files next to " + live, e);
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            if (!lines.hasNext()) {
                close();
                return false;
            }
            AuditRecord r = AuditLines.parse(lines.next().text());
            if (r == null || r.seq() <= afterSeq) continue;
            if (r.seq() > upToSeq) {
                close();
                return false;
            }
            if (filter.matches(r)) next = r;
        }
        return next != null;
    }

    @Override
    public AuditRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        AuditRecord r = next;
        next = null;
        return r;
    }

    @Override
    public void close() {
        done = true;
        lines.close();
    }
}
