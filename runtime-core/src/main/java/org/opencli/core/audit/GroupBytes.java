package org.opencli.core.audit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;

/**
 * The writer's buffer for one group: stamped lines appended back to back, newline-terminated, with
 * where each starts and the {@code prevHash} it carries, so the group becomes one write without a
 * per-line array or a second copy.
 */
final class GroupBytes {
    private byte[] bytes;
    private int size;
    private int[] starts;
    private byte[][] prevHashes;
    private int count;

    GroupBytes(int lines, int bytesHint) {
        this.bytes = new byte[Math.max(64, bytesHint)];
        this.starts = new int[Math.max(1, lines) + 1];
        this.prevHashes = new byte[Math.max(1, lines)][];
    }

    int size() {
        return size;
    }

    int lines() {
        return count;
    }

    byte[] buffer() {
        return bytes;
    }

    /** Appends the line for {@code body} stamped with {@code seq} and {@code prevHash}; {@code length} includes the newline. */
    void append(AuditLineCodec codec, byte[] body, long seq, byte[] prevHash, int length) {
        if (size + length > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        if (count + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            prevHashes = Arrays.copyOf(prevHashes, prevHashes.length * 2);
        }
        starts[count] = size;
        prevHashes[count] = prevHash;
        int end = codec.writeLine(body, seq, prevHash, bytes, size);
        bytes[end] = '\n';
        size = end + 1;
        count++;
        starts[count] = size;
    }

    /** The group of {@code pending} (the lines appended, in order) for the syncer. */
    AuditGroup toGroup(List<AuditWriter.Pending> pending, long firstSeq, FileChannel channel) {
        if (pending.size() != count) throw new IllegalStateException(count + " lines for " + pending.size() + " records");
        return new AuditGroup(pending, firstSeq, bytes, Arrays.copyOf(starts, count + 1), Arrays.copyOf(prevHashes, count),
                ByteBuffer.wrap(bytes, 0, size), channel);
    }
}
