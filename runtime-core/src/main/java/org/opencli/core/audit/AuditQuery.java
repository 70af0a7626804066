package org.opencli.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Filtered, paged reads of committed records across the live and rotated files. Memory stays
 * bounded by the page size: ascending pages stream forward; descending pages walk files newest
 * first, keeping only the last {@code limit + 1} matches of each file.
 */
public final class AuditQuery {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Path live;
    private final LongSupplier committedSeq;

    AuditQuery(Path live, LongSupplier committedSeq) {
        this.live = live;
        this.committedSeq = committedSeq;
    }

    /**
     * Reads the files as they are, for a tool that does not own the store (ocli reading an
     * instance's trail without starting an engine): every complete, parsable line counts; a torn
     * last line being written is skipped. {@code live} is the live file or the directory holding it.
     */
    public static AuditQuery files(Path live) {
        Path file = java.nio.file.Files.isDirectory(live) ? live.resolve("audit.log") : live;
        return new AuditQuery(file.toAbsolutePath().normalize(), () -> Long.MAX_VALUE);
    }

    /**
     * @param cursor     the {@code nextCursor} of the previous page (null: from the start, or the end when descending)
     * @param limit      1..{@link #MAX_LIMIT}; null means {@link #DEFAULT_LIMIT}
     * @param descending newest first
     */
    public AuditPage page(AuditFilter filter, Long cursor, Integer limit, boolean descending) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + n);
        AuditFilter f = filter == null ? AuditFilter.all() : filter;
        List<AuditRecord> found = descending ? newestFirst(f, cursor, n + 1) : oldestFirst(f, cursor, n + 1);
        if (found.size() <= n) return new AuditPage(found, null);
        List<AuditRecord> page = List.copyOf(found.subList(0, n));
        return new AuditPage(page, String.valueOf(page.get(n - 1).seq()));
    }

    /** Committed records after {@code afterSeq} up to {@code upToSeq}, streamed; close it when done. */
    AuditScan scan(AuditFilter filter, long afterSeq, long upToSeq) {
        return new AuditScan(live, filter, afterSeq, Math.min(upToSeq, committedSeq.getAsLong()));
    }

    private List<AuditRecord> oldestFirst(AuditFilter filter, Long cursor, int wanted) {
        List<AuditRecord> out = new ArrayList<>(wanted);
        try (AuditScan scan = scan(filter, cursor == null ? 0 : cursor, Long.MAX_VALUE)) {
            while (out.size() < wanted && scan.hasNext()) out.add(scan.next());
        }
        return out;
    }

    private List<AuditRecord> newestFirst(AuditFilter filter, Long cursor, int wanted) {
        long before = cursor == null ? Long.MAX_VALUE : cursor;
        long upTo = committedSeq.getAsLong();
        List<AuditFiles.Segment> segments;
        try {
            segments = new ArrayList<>(AuditFiles.segments(live));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audit files next to " + live, e);
        }
        Collections.reverse(segments);
        List<AuditRecord> out = new ArrayList<>(wanted);
        for (AuditFiles.Segment segment : segments) {
            if (out.size() >= wanted) break;
            if (!segment.live() && segment.firstSeq() >= before) continue;
            int need = wanted - out.size();
            ArrayDeque<AuditRecord> tail = new ArrayDeque<>(need);
            try (AuditLines lines = new AuditLines(List.of(segment))) {
                while (lines.hasNext()) {
                    AuditRecord r = AuditLines.parse(lines.next().text());
                    if (r == null || r.seq() >= before || r.seq() > upTo || !filter.matches(r)) continue;
                    if (tail.size() == need) tail.removeFirst();
                    tail.addLast(r);
                }
            }
            while (!tail.isEmpty()) out.add(tail.removeLast());
        }
        return out;
    }
}
