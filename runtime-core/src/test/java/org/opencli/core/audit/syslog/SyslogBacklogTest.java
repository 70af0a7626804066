package org.opencli.core.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogBacklogTest {
    @TempDir
    Path dir;

    private static List<SyslogEntry> entries(long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(i -> new SyslogEntry("2026-11-29T08:50:27Z", "tool_execution", i, "allow", "t",
                        "{\"seq\":" + i + ",\"pad\":\"" + "x".repeat(60) + "\"}"))
                .toList();
    }

    private static List<Long> drain(SyslogBacklog backlog) {
        List<Long> seqs = new ArrayList<>();
        for (SyslogBacklog.Batch b = backlog.read(7); b != null; b = backlog.read(7)) {
            b.entries().forEach(e -> seqs.add(e.seq()));
            backlog.commit(b);
        }
        return seqs;
    }

    @Test
    void readsInOrderAndKeepsItsPositionAcrossReopen() {
        SyslogBacklog backlog = new SyslogBacklog(dir, 1 << 20);
        backlog.append(entries(1, 10));
        SyslogBacklog.Batch first = backlog.read(4);
        assertThat(first.entries()).extracting(SyslogEntry::seq).containsExactly(1L, 2L, 3L, 4L);
        backlog.commit(first);
        SyslogBacklog.Batch failed = backlog.read(3);
        backlog.release(failed); // not delivered: read again next time
        backlog.close();

        SyslogBacklog reopened = new SyslogBacklog(dir, 1 << 20);
        assertThat(reopened.records()).isEqualTo(6);
        assertThat(drain(reopened)).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(reopened.isEmpty()).isTrue();
        reopened.close();
    }

    @Test
    void prependedRecordsComeFirst() {
        SyslogBacklog backlog = new SyslogBacklog(dir, 1 << 20);
        backlog.append(entries(4, 6));
        backlog.prepend(entries(1, 3));
        backlog.append(entries(7, 8));
        assertThat(drain(backlog)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        backlog.close();
    }

    @Test
    void boundDropsTheOldestAndCountsThemAcrossReopen() throws IOException {
        long max = 4096;
        SyslogBacklog backlog = new SyslogBacklog(dir, max);
        backlog.append(entries(1, 200));
        assertThat(backlog.bytes()).isLessThanOrEqualTo(max).isEqualTo(segmentBytes());
        long kept = backlog.records();
        assertThat(backlog.unreportedDropped()).isEqualTo(200 - kept).isPositive();
        backlog.close();

        SyslogBacklog reopened = new SyslogBacklog(dir, max);
        assertThat(reopened.unreportedDropped()).isEqualTo(200 - kept);
        assertThat(drain(reopened)).containsExactlyElementsOf(LongStream.rangeClosed(200 - kept + 1, 200).boxed().toList());
        reopened.reported(200 - kept);
        assertThat(reopened.unreportedDropped()).isZero();
        reopened.close();
        assertThat(new SyslogBacklog(dir, max).unreportedDropped()).isZero();
    }

    @Test
    void aTornLastLineIsCutAndACorruptLineCountsAsDropped() throws IOException {
        SyslogBacklog backlog = new SyslogBacklog(dir, 1 << 20);
        backlog.append(entries(1, 3));
        backlog.close();
        Path segment = segments().get(0);
        Files.writeString(segment, "not json\n", StandardOpenOption.APPEND);
        Files.writeString(segment, "{\"seq\":4,\"li", StandardOpenOption.APPEND); // crash mid-write

        SyslogBacklog reopened = new SyslogBacklog(dir, 1 << 20);
        assertThat(Files.readString(segment)).endsWith("not json\n");
        assertThat(drain(reopened)).containsExactly(1L, 2L, 3L);
        assertThat(reopened.unreportedDropped()).isEqualTo(1);
        reopened.close();
    }

    @Test
    void aBatchWhoseSegmentWasDroppedCountsAsDroppedOnlyIfItFails() {
        SyslogBacklog backlog = new SyslogBacklog(dir, 2048);
        backlog.append(entries(1, 5));
        SyslogBacklog.Batch inFlight = backlog.read(2);
        backlog.append(entries(6, 60)); // pushes the in-flight segment out
        long droppedMeanwhile = backlog.unreportedDropped();
        backlog.release(inFlight);
        assertThat(backlog.unreportedDropped()).isEqualTo(droppedMeanwhile + 2);
        backlog.close();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private long segmentBytes() throws IOException {
        long total = 0;
        for (Path p : segments()) total += Files.size(p);
        return total;
    }
}
