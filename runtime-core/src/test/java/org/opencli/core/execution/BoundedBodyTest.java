package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The body reader both upstream clients use: limits on the wire and after decoding, chunk by chunk. */
class BoundedBodyTest {
    private static final byte[] TEXT = "{\"hello\":\"world\"}".repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void identityBodyWithinTheLimitIsReturnedWhole() {
        BoundedBody body = BoundedBody.of(null, TEXT.length, TEXT.length);
        feed(body, TEXT, 7);
        assertThat(body.finish()).isEqualTo(TEXT);
        assertThat(body.decodes()).isFalse();
    }

    @Test
    void identityBodyOverTheLimitFailsAtTheChunkThatPassesIt() {
        BoundedBody body = BoundedBody.of(null, -1, 100);
        body.accept(new byte[100]);
        assertThatThrownBy(() -> body.accept(new byte[1])).isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void gzipIsDecodedEvenWithItsHeaderSplitOverChunks() throws IOException {
        BoundedBody body = BoundedBody.of("gzip", -1, 1 << 20);
        feed(body, gzip(TEXT, true), 3);
        assertThat(body.finish()).isEqualTo(TEXT);
        assertThat(body.decodes()).isTrue();
    }

    @Test
    void zlibAndRawDeflateAreBothDecoded() throws IOException {
        BoundedBody zlib = BoundedBody.of("deflate", -1, 1 << 20);
        feed(zlib, deflate(TEXT, false), 64);
        assertThat(zlib.finish()).isEqualTo(TEXT);
        BoundedBody raw = BoundedBody.of("Deflate", -1, 1 << 20);
        feed(raw, deflate(TEXT, true), 64);
        assertThat(raw.finish()).isEqualTo(TEXT);
    }

    @Test
    void aGzipBombStopsAtTheLimitOfInflatedBytes() throws IOException {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024], false); // 64 MiB of zeros, ~64 KiB compressed
        long limit = 1024 * 1024;
        BoundedBody body = BoundedBody.of("gzip", bomb.length, limit);
        int fed = 0;
        try {
            for (; fed < bomb.length; fed += 4096) body.accept(Arrays.copyOfRange(bomb, fed, Math.min(bomb.length, fed + 4096)));
            throw new AssertionError("the bomb was read whole");
        } catch (ResponseTooLargeException expected) {
            // stopped after about limit/1000 compressed bytes: far from the end of the bomb
            assertThat(fed).isLessThan(bomb.length / 8);
        }
    }

    @Test
    void compressedBytesCountAgainstTheLimitToo() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(noise); // incompressible: more bytes on the wire than decoded
        byte[] wire = gzip(noise, false);
        BoundedBody body = BoundedBody.of("gzip", -1, noise.length);
        assertThatThrownBy(() -> feed(body, wire, 8192)).isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void corruptOrTruncatedCompressedBodiesAreInvalidNotEmpty() throws IOException {
        BoundedBody notGzip = BoundedBody.of("gzip", -1, 1024);
        assertThatThrownBy(() -> notGzip.accept("plain text, not gzip".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UpstreamBodyException.class);
        byte[] whole = gzip(TEXT, false);
        BoundedBody truncated = BoundedBody.of("gzip", -1, 1 << 20);
        truncated.accept(Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(truncated::finish).isInstanceOf(UpstreamBodyException.class);
        BoundedBody garbage = BoundedBody.of("deflate", -1, 1 << 20);
        assertThatThrownBy(() -> garbage.accept(new byte[] {0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, 1, 2, 3}))
                .isInstanceOf(UpstreamBodyException.class);
    }

    @Test
    void anEmptyCompressedBodyIsEmpty() {
        assertThat(BoundedBody.of("gzip", 0, 10).finish()).isEmpty();
    }

    @Test
    void unknownEncodingsAreKeptAsSent() {
        BoundedBody body = BoundedBody.of("br", -1, 100);
        body.accept(new byte[] {1, 2, 3});
        assertThat(body.finish()).containsExactly(1, 2, 3);
        assertThat(body.decodes()).isFalse();
    }

    private static void feed(BoundedBody body, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            body.accept(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)));
        }
    }

    /** gzip with (optionally) the header's name and comment fields set, so the header is longer than 10 bytes. */
    static byte[] gzip(byte[] data, boolean longHeader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (longHeader) {
            // FNAME | FCOMMENT, then the raw deflate stream, CRC32 and size
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 8 | 16, 0, 0, 0, 0, 0, (byte) 0xff});
            out.write("report.json\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
            out.write(deflate(data, true));
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            out.write(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                    .putInt(data.length).array());
            return out.toByteArray();
        }
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }
}
