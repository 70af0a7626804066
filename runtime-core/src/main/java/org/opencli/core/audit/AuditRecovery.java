package org.opencli.core.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
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

    static State recover(Path live, FileChannel ch) throws IOException {
        long size = ch.size();
        byte[] first = null;
        byte[] last = null;
        byte[] beforeLast = null;
        long lastStart = 0;
        long lineStart = 0;
        long offset = 0;
        ch.position(0);
        // not closed: closing the stream would close the channel
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 65536);
        ByteArrayOutputStream current = new ByteArrayOutputStream(512);
        int b;
        while (offset < size && (b = in.read()) != -1) {
            offset++;
            if (b != '\n') {
                current.write(b);
                continue;
            }
            beforeLast = last;
            last = current.toByteArray();
            if (first == null) first = last;
            lastStart = lineStart;
            lineStart = offset;
            current.reset();
        }
        long cutFrom = lineStart; // bytes after the last newline are a torn line
        byte[] kept = last;
        if (last != null && AuditLines.parse(new String(last, StandardCharsets.UTF_8)) == null) {
            cutFrom = lastStart; // a complete but unparsable last line is torn too
            kept = beforeLast;
            if (first == last) first = null;
        }
        long cut = size - cutFrom;
        if (cut > 0) {
            ch.truncate(cutFrom);
            ch.force(true);
        }
        if (kept != null) {
            String keptText = new String(kept, StandardCharsets.UTF_8);
            AuditRecord lastRecord = AuditLines.parse(keptText);
            AuditRecord firstRecord = first == null ? null : AuditLines.parse(new String(first, StandardCharsets.UTF_8));
            long firstSeq = firstRecord == null ? lastRecord.seq() : firstRecord.seq();
            return new State(lastRecord.seq(), AuditChain.hash(kept), firstSeq, instant(firstRecord), cutFrom, cut);
        }
        return fromRotated(live, cut);
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
