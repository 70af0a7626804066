package org.opencli.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Crash recovery when the store opens its live file: a torn last line (bytes after the last newline,
 * or a last line that is not a valid record) is cut off, and the chain continues from the last good
 * line — of the live file, or of the newest rotated file when the live file is empty.
 */
final class AuditRecovery {
    /** Where the chain stands after recovery; {@code liveFirstSeq} -1 and {@code liveFirstTime} null for an empty live file. */
    record State(long lastSeq, String lastHash, long liveFirstSeq, Instant liveFirstTime, long liveBytes,
            long cutBytes) {
    }

    private AuditRecovery() {
    }

    /** Reads only the first line and the last two: opening a large file costs no full scan. */
    static State recover(Path live, FileChannel ch) throws IOException {
        long size = ch.size();
        long lastNewline = newlineBefore(ch, size);
        long cutFrom = lastNewline + 1; // bytes after the last newline are a torn line
        byte[] kept = null;
        long keptStart = -1;
        if (lastNewline >= 0) {
            long lastStart = newlineBefore(ch, lastNewline) + 1;
            byte[] last = read(ch, lastStart, lastNewline);
            if (AuditLines.parse(new String(last, StandardCharsets.UTF_8)) != null) {
                kept = last;
                keptStart = lastStart;
            } else {
                cutFrom = lastStart; // a complete but unparsable last line is torn too
                if (lastStart > 0) {
                    long prevStart = newlineBefore(ch, lastStart - 1) + 1;
                    kept = read(ch, prevStart, lastStart - 1);
                    keptStart = prevStart;
                }
            }
        }
        long cut = size - cutFrom;
        if (cut > 0) {
            ch.truncate(cutFrom);
            ch.force(true);
        }
        if (kept == null) return fromRotated(live, cut);
        AuditRecord lastRecord = AuditLines.parse(new String(kept, StandardCharsets.UTF_8));
        if (lastRecord == null) {
            throw new IOException("the audit file " + live + " has two unparsable lines at its end; refusing to guess where the chain stands");
        }
        byte[] first = keptStart == 0 ? kept : read(ch, 0, newlineAfter(ch, 0, keptStart));
        AuditRecord firstRecord = AuditLines.parse(new String(first, StandardCharsets.UTF_8));
        long firstSeq = firstRecord == null ? lastRecord.seq() : firstRecord.seq();
        return new State(lastRecord.seq(), AuditChain.hash(kept), firstSeq, instant(firstRecord), cutFrom, cut);
    }

    /** The offset of the last newline before {@code end}, or -1. */
    private static long newlineBefore(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            long from = pos - n;
            buf.clear().limit(n);
            readFully(ch, buf, from);
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') return from + i;
            }
            pos = from;
        }
        return -1;
    }

    /** The offset of the first newline at or after {@code start} (below {@code limit}), else {@code limit}. */
    private static long newlineAfter(FileChannel ch, long start, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long pos = start;
        while (pos < limit) {
            int n = (int) Math.min(buf.capacity(), limit - pos);
            buf.clear().limit(n);
            readFully(ch, buf, pos);
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') return pos + i;
            }
            pos += n;
        }
        return limit;
    }

    private static byte[] read(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
        readFully(ch, buf, from);
        return buf.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) throw new IOException("unexpected end of audit file");
            p += n;
        }
    }

    private static State fromRotated(Path live, long cut) throws IOException {
        List<AuditFiles.Segment> rotated = AuditFiles.segments(live).stream().filter(s -> !s.live()).toList();
        if (rotated.isEmpty()) return new State(0, AuditChain.GENESIS, -1, null, 0, cut);
        AuditFiles.Segment newest = rotated.get(rotated.size() - 1);
        String lastText = null;
        try (AuditLines lines = new AuditLines(List.of(newest))) {
            while (lines.hasNext()) lastText = lines.next().text();
        }
        AuditRecord lastRecord = AuditLines.parse(lastText);
        if (lastRecord == null) {
            throw new IOException("the newest rotated audit file " + newest.path() + " does not end with a valid record");
        }
        return new State(lastRecord.seq(), AuditChain.hash(lastText), -1, null, 0, cut);
    }

    private static Instant instant(AuditRecord record) {
        if (record == null || record.timestamp() == null) return null;
        try {
            return Instant.parse(record.timestamp());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
