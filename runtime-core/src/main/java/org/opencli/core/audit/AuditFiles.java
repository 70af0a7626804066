package org.opencli.core.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The files of one audit store: the live file ({@code audit.log}) and its rotated siblings
 * {@code audit.log.<firstSeq>-<lastSeq>} (optionally {@code .gz}). Seqs are zero-padded to 20
 * digits so names sort in chain order.
 */
public final class AuditFiles {
    /** One file of the chain; {@code firstSeq}/{@code lastSeq} are -1 for the live file (unknown from its name). */
    public record Segment(Path path, long firstSeq, long lastSeq, boolean gzip, boolean live) {
    }

    private AuditFiles() {
    }

    public static Path rotatedName(Path live, long firstSeq, long lastSeq) {
        return live.resolveSibling(String.format("%s.%020d-%020d", live.getFileName(), firstSeq, lastSeq));
    }

    /** Rotated files oldest first, then the live file if it exists. A rotated file and its .gz: the plain one wins (gzip in progress). */
    public static List<Segment> segments(Path live) throws IOException {
        Path dir = live.toAbsolutePath().getParent();
        Pattern rotated = Pattern.compile(Pattern.quote(live.getFileName().toString()) + "\\.(\\d{20})-(\\d{20})(\\.gz)?");
        Map<String, Segment> byRange = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    Matcher m = rotated.matcher(p.getFileName().toString());
                    if (!m.matches()) continue;
                    Segment s = new Segment(p, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3) != null, false);
                    byRange.merge(m.group(1) + "-" + m.group(2), s, (a, b) -> a.gzip() ? b : a);
                }
            }
        }
        List<Segment> out = new ArrayList<>(byRange.values());
        out.sort(Comparator.comparingLong(Segment::firstSeq));
        if (Files.isRegularFile(live)) out.add(new Segment(live, -1, -1, false, true));
        return out;
    }

    /** A reader over the segment's lines (gunzipping when needed); null if it vanished (retention). */
    public static BufferedReader open(Segment segment) throws IOException {
        InputStream in;
        boolean gzip = segment.gzip();
        try {
            in = Files.newInputStream(segment.path());
        } catch (NoSuchFileException gone) {
            if (segment.live() || gzip) return null;
            // gzipped since it was listed: read the .gz instead
            try {
                in = Files.newInputStream(segment.path().resolveSibling(segment.path().getFileName() + ".gz"));
                gzip = true;
            } catch (NoSuchFileException deleted) {
                return null;
            }
        }
        if (gzip) in = new GZIPInputStream(in, 65536);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 65536);
    }
}
