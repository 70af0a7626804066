package org.opencli.core.audit.syslog;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opencli.core.json.Json;

/**
 * The exporter's on-disk backlog: records waiting for the receiver, oldest first, bounded by
 * {@code maxBytes}. Stored as numbered segment files of JSON lines ({@link SyslogEntry}) so the
 * oldest records can be dropped by deleting a file; each segment's read position lives in a
 * {@code .pos} file beside it, and the count of dropped records not yet reported in a
 * {@code dropped} file, so all of it survives a restart. Writes go straight to the kernel (no
 * fsync): a process crash loses nothing, a power loss may lose the last records.
 *
 * <p>Not thread-safe on its own: the exporter serialises access by synchronising on the backlog.
 */
final class SyslogBacklog implements Closeable {
    private static final Pattern SEGMENT = Pattern.compile("segment-(-?\\d+)\\.jsonl");
    private static final long FIRST_ID = 1_000_000_000L;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private FileChannel writer;
    private Segment active;
    private long totalBytes;
    private long unreportedDropped;
    private Batch inFlight;
    private final ByteArrayOutputStream writeBuffer = new ByteArrayOutputStream(64 * 1024);
    private long bufferedLines;

    /** A segment file and how far the receiver has been sent it. */
    private static final class Segment {
        final long id;
        final Path file;
        long bytes;
        long lines;
        long readPos;
        long readLines;

        Segment(long id, Path file) {
            this.id = id;
            this.file = file;
        }

        long unread() {
            return lines - readLines;
        }
    }

    /** Entries read from the oldest segment, to be {@link #commit committed} once sent or {@link #release released}. */
    record Batch(long segmentId, long endPos, long lineCount, List<SyslogEntry> entries, boolean[] orphaned) {
    }

    SyslogBacklog(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(512, maxBytes / 8);
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                lockChannel.close();
                throw new IllegalStateException("audit syslog backlog directory " + dir
                        + " is in use by another exporter; expected a directory owned by this one");
            }
            lock = acquired;
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit syslog backlog in " + dir, e);
        }
    }

    boolean isEmpty() {
        return segments.values().stream().allMatch(s -> s.unread() == 0);
    }

    long records() {
        return segments.values().stream().mapToLong(Segment::unread).sum();
    }

    long bytes() {
        return totalBytes;
    }

    long unreportedDropped() {
        return unreportedDropped;
    }

    /** The receiver got a message carrying {@code dropped="count"}. */
    void reported(long count) {
        if (count <= 0) return;
        unreportedDropped = Math.max(0, unreportedDropped - count);
        saveDropped();
    }

    /** Records lost outside the backlog (e.g. the disk refused them) are reported like dropped ones. */
    void countDropped(long count) {
        unreportedDropped += count;
        saveDropped();
    }

    /** Appends newest records, dropping the oldest segments when the bound would be exceeded. */
    void append(List<SyslogEntry> entries) {
        for (SyslogEntry entry : entries) {
            byte[] line = line(entry);
            if (line.length > maxBytes) {
                countDropped(1);
                continue;
            }
            while (totalBytes + line.length > maxBytes && !segments.isEmpty()) dropOldest();
            try {
                if (active == null || active.bytes >= segmentBytes)
                    openNewSegment(segments.isEmpty()
                            ? FIRST_ID : segments.lastKey() + 1);
                buffer(active, line);
            } catch (IOException e) {
                closeWriter();
                countDropped(1);
            }
        }
        flushWrites();
    }

    /** Puts records before everything else (they were taken for sending earlier and not delivered). */
    void prepend(List<SyslogEntry> entries) {
        if (entries.isEmpty()) return;
        long id = segments.isEmpty() ? FIRST_ID : segments.firstKey() - 1;
        Segment segment = new Segment(id, segmentFile(id));
        try (FileChannel ch = FileChannel.open(segment.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            segments.put(id, segment);
            for (SyslogEntry entry : entries) {
                byte[] line = line(entry);
                ch.write(ByteBuffer.wrap(line));
                segment.bytes += line.length;
                segment.lines++;
                totalBytes += line.length;
            }
        } catch (IOException e) {
            countDropped(entries.size() - segment.lines);
        }
        while (totalBytes > maxBytes && !segments.isEmpty()) dropOldest();
    }

    /** Up to {@code max} entries from the oldest unread position; at most one batch is in flight. */
    Batch read(int max) {
        if (inFlight != null) throw new IllegalStateException("a backlog batch is already in flight");
        for (Segment s : segments.values()) {
            if (s.unread() == 0) continue;
            List<SyslogEntry> entries = new ArrayList<>();
            long pos = s.readPos;
            long lines = 0;
            try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                ByteArrayOutputStream current = new ByteArrayOutputStream(1024);
                long readAt = s.readPos;
                outer : while (lines < max) {
                    buf.clear();
                    int n = ch.read(buf, readAt);
                    if (n <= 0) break;
                    readAt += n;
                    buf.flip();
                    while (buf.hasRemaining()) {
                        byte b = buf.get();
                        if (b != '\n') {
                            current.write(b);
                            continue;
                        }
                        pos += current.size() + 1;
                        lines++;
                        SyslogEntry entry = parse(current.toByteArray());
                        current.reset();
                        if (entry != null) entries.add(entry);
                        else countDropped(1);
                        if (lines >= max) break outer;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit syslog backlog segment " + s.file, e);
            }
            inFlight = new Batch(s.id, pos, lines, entries, new boolean[1]);
            return inFlight;
        }
        return null;
    }

    /** The batch reached the receiver: advance the read position, deleting segments read to the end. */
    void commit(Batch batch) {
        inFlight = null;
        Segment s = segments.get(batch.segmentId());
        if (s == null || batch.orphaned()[0]) return;
        s.readPos = batch.endPos();
        s.readLines += batch.lineCount();
        if (s.unread() == 0) delete(s);
        else savePosition(s);
    }

    /** The batch did not reach the receiver: it stays where it is (or counts as dropped if its segment was). */
    void release(Batch batch) {
        inFlight = null;
        if (batch.orphaned()[0]) countDropped(batch.entries().size());
    }

    @Override
    public void close() {
        closeWriter();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = SEGMENT.matcher(file.getFileName().toString());
                if (m.matches()) segments.put(Long.parseLong(m.group(1)), new Segment(Long.parseLong(m.group(1)), file));
            }
        }
        for (Segment s : new ArrayList<>(segments.values())) {
            byte[] content = Files.readAllBytes(s.file);
            int end = content.length;
            while (end > 0 && content[end - 1] != '\n') end--; // a torn last line from a crash mid-write
            if (end < content.length) {
                try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                }
            }
            s.bytes = end;
            for (int i = 0; i < end; i++) if (content[i] == '\n') s.lines++;
            Path pos = positionFile(s);
            if (Files.exists(pos)) {
                String[] parts = Files.readString(pos).trim().split(" ");
                try {
                    long readPos = Long.parseLong(parts[0]);
                    long readLines = Long.parseLong(parts[1]);
                    if (readPos >= 0 && readPos <= s.bytes && readLines >= 0 && readLines <= s.lines) {
                        s.readPos = readPos;
                        s.readLines = readLines;
                    }
                } catch (RuntimeException e) {
                    // unreadable position: resend the segment (at-least-once) rather than lose it
                }
            }
            totalBytes += s.bytes;
            if (s.unread() == 0) delete(s);
        }
        Path dropped = dir.resolve("dropped");
        if (Files.exists(dropped)) {
            try {
                unreportedDropped = Long.parseLong(Files.readString(dropped).trim());
            } catch (NumberFormatException e) {
                unreportedDropped = 0;
            }
        }
    }

    private void dropOldest() {
        Segment s = segments.firstEntry().getValue();
        long lost = s.unread();
        if (inFlight != null && inFlight.segmentId() == s.id) {
            // its in-flight lines are counted when they fail to send (release), not now
            lost -= inFlight.lineCount();
            inFlight.orphaned()[0] = true;
        }
        delete(s);
        countDropped(lost);
    }

    private void delete(Segment s) {
        if (s == active) {
            writeBuffer.reset(); // its unwritten lines go with it (already counted as dropped)
            bufferedLines = 0;
            closeWriter();
        }
        segments.remove(s.id);
        totalBytes -= s.bytes;
        try {
            Files.deleteIfExists(s.file);
            Files.deleteIfExists(positionFile(s));
        } catch (IOException e) {
            // forgotten in memory; a restart would resend it (at-least-once) rather than lose it
        }
    }

    private void openNewSegment(long id) throws IOException {
        closeWriter();
        Segment s = new Segment(id, segmentFile(id));
        writer = FileChannel.open(s.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.put(id, s);
        active = s;
    }

    /** Lines for the active segment are gathered and written with one call per append. */
    private void buffer(Segment s, byte[] line) {
        writeBuffer.write(line, 0, line.length);
        bufferedLines++;
        s.bytes += line.length;
        s.lines++;
        totalBytes += line.length;
    }

    private void flushWrites() {
        if (writeBuffer.size() == 0) return;
        Segment s = active;
        try {
            ByteBuffer buf = ByteBuffer.wrap(writeBuffer.toByteArray());
            long at = s.bytes - writeBuffer.size();
            while (buf.hasRemaining()) at += writer.write(buf, at);
        } catch (IOException e) {
            // not on disk: take the lines back out of the accounting and report them as dropped
            s.bytes -= writeBuffer.size();
            s.lines -= bufferedLines;
            totalBytes -= writeBuffer.size();
            long lost = bufferedLines;
            writeBuffer.reset();
            bufferedLines = 0;
            closeWriter();
            countDropped(lost);
            return;
        }
        writeBuffer.reset();
        bufferedLines = 0;
    }

    private void closeWriter() {
        flushWrites();
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // nothing buffered in user space; the kernel has what was written
            }
        }
        writer = null;
        active = null;
    }

    private void savePosition(Segment s) {
        writeAtomically(positionFile(s), s.readPos + " " + s.readLines + "\n");
    }

    private void saveDropped() {
        writeAtomically(dir.resolve("dropped"), unreportedDropped + "\n");
    }

    private void writeAtomically(Path target, String content) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // kept in memory; after a restart the segment is resent (at-least-once) or the count is lower
        }
    }

    private Path segmentFile(long id) {
        return dir.resolve("segment-" + id + ".jsonl");
    }

    private static Path positionFile(Segment s) {
        return s.file.resolveSibling(s.file.getFileName() + ".pos");
    }

    private static byte[] line(SyslogEntry entry) {
        byte[] json = Json.writeBytes(entry);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    private static SyslogEntry parse(byte[] line) {
        try {
            return Json.MAPPER.readValue(new String(line, StandardCharsets.UTF_8), SyslogEntry.class);
        } catch (IOException e) {
            return null;
        }
    }
}
