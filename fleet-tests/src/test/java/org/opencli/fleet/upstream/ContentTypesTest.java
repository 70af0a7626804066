package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ContentTypesTest extends RunningUpstream {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void plainText() throws Exception {
        HttpResponse<String> response = client.get("/api/report.txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body()).startsWith("Ticket report\n");
    }

    @Test
    void csv() throws Exception {
        HttpResponse<String> response = client.get("/api/report.csv");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(response.body().lines()).first().isEqualTo("id,title,status");
        assertThat(response.body()).contains("\"Coffee, cold\"");
    }

    @Test
    void pngIsARealPng() throws Exception {
        HttpResponse<byte[]> response = client.bytes("/api/logo.png");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.body()).startsWith(PNG_SIGNATURE);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()))).as("decodes")
                .satisfies(image -> assertThat(image.getWidth()).isEqualTo(1));
    }

    @Test
    void bigIsExactlyNPatternedBytes() throws Exception {
        int size = 100_003; // not a multiple of the chunk size
        HttpResponse<byte[]> response = client.bytes("/api/big?bytes=" + size);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(size));
        byte[] body = response.body();
        assertThat(body).hasSize(size);
        for (int i = 0; i < size; i++) {
            if (body[i] != (byte) i) throw new AssertionError("byte " + i + " is " + body[i]);
        }
    }

    @Test
    void bigEdgeCases() throws Exception {
        HttpResponse<byte[]> empty = client.bytes("/api/big?bytes=0");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(client.bytes("/api/big?bytes=-1").statusCode()).isEqualTo(400);
        assertThat(client.bytes("/api/big").body()).hasSize(ContentHandler.DEFAULT_BIG_BYTES);
    }

    @Test
    void unknownPathsAreJson404s() throws Exception {
        HttpResponse<String> response = client.get("/api/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.get("/elsewhere").statusCode()).isEqualTo(404);
        assertThat(client.get("/api/echoes").statusCode()).as("contexts end at a path segment").isEqualTo(404);
        assertThat(client.get("/api/bigger").statusCode()).isEqualTo(404);
    }
}
