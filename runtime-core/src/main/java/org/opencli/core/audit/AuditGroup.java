package org.opencli.core.audit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the writer has stamped and written as one group, for the syncer to force and commit: their
 * consecutive seqs from {@code firstSeq}, the exact lines and each one's {@code prevHash}, the bytes
 * written and the channel they went to. The stamped records and line strings are built only for subscribers and exporters.
 */
final class AuditGroup {
    final List<AuditWriter.Pending> pending;
    final long firstSeq;
    /** The group's bytes; line i is {@code [starts[i], starts[i + 1] - 1)} (the newline left out). */
    private final byte[] buffer;
    private final int[] starts;
    final byte[][] prevHashes;
    /** The lines, newline-terminated, as one write. */
    final ByteBuffer bytes;
    final FileChannel channel;
    private List<AuditRecord> stamped;

    AuditGroup(List<AuditWriter.Pending> pending, long firstSeq, byte[] buffer, int[] starts, byte[][] prevHashes,
               ByteBuffer bytes, FileChannel channel) {
        this.pending = pending;
        this.firstSeq = firstSeq;
        this.buffer = buffer;
        this.starts = starts;
        this.prevHashes = prevHashes;
        this.bytes = bytes;
        this.channel = channel;
    }

    long lastSeq() {
        return firstSeq + pending.size() - 1;
    }

    /** The records as written: seq, prevHash and instance id stamped. */
    List<AuditRecord> records() {
        if (stamped == null) {
            List<AuditRecord> out = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                out.add(pending.get(i).stamped().withChain(firstSeq + i, new String(prevHashes[i], StandardCharsets.US_ASCII)));
            }
            stamped = out;
        }
        return stamped;
    }

    String line(int i) {
        return new String(buffer, starts[i], starts[i + 1] - 1 - starts[i], StandardCharsets.UTF_8);
    }
}
