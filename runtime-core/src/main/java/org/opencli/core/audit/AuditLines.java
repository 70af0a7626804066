package org.opencli.core.audit;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.opencli.core.json.Json;

/** The lines of several segments in order, read lazily with at most one file open at a time. */
final class AuditLines implements Iterator<AuditLines.Line>, Closeable {
    /** {@code number} counts from 1 within its file. */
    record Line(AuditFiles.Segment segment, long number, String text) {
    }

    private final Iterator<AuditFiles.Segment> segments;
    private AuditFiles.Segment current;
    private BufferedReader reader;
    private long number;
    private Line next;

    AuditLines(List<AuditFiles.Segment> segments) {
        this.segments = segments.iterator();
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                if (reader == null) {
                    if (!segments.hasNext()) return false;
                    current = segments.next();
                    reader = AuditFiles.open(current);
                    number = 0;
                    continue;
                }
                String text = reader.readLine();
                if (text == null) {
                    reader.close();
                    reader = null;
                    continue;
                }
                next = new Line(current, ++number, text);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit file " + current.path(), e);
        }
    }

    @Override
    public Line next() {
        if (!hasNext()) throw new NoSuchElementException();
        Line line = next;
        next = null;
        return line;
    }

    @Override
    public void close() {
        try {
            if (reader != null) reader.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
        reader = null;
    }

    /** The record on a line, or null when the line is not a chained audit record (torn, edited into non-JSON). */
    static AuditRecord parse(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            AuditRecord r = Json.MAPPER.readValue(text, AuditRecord.class);
            return r.seq() == null ? null : r;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
