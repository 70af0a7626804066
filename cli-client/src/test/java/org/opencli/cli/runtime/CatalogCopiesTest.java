package org.opencli.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk store alone: bounds, least-recently-used trimming, and the latest copy of a context. */
class CatalogCopiesTest {
    @TempDir
    Path dir;

    private static byte[] body(int i) {
        return ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsAtMostTheBoundNumberOfCopiesDroppingTheLeastRecentlyUsed() throws Exception {
        CatalogCopies copies = new CatalogCopies(dir.resolve("catalogs"));
        int written = CatalogCopies.MAX_COPIES + 4;
        for (int i = 0; i < written; i++) {
            CatalogCopies.Key key = new CatalogCopies.Key(CatalogCopies.context("http://127.0.0.1:1", "/p/" + i, null, null), "anonymous");
            copies.write(key, "\"t" + i + "\"", body(i));
            // distinct, increasing use times without waiting for the clock
            Files.setLastModifiedTime(copies.directory().resolve(key.fileName()), FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        try (Stream<Path> files = Files.list(copies.directory())) {
            assertThat(files.count()).isEqualTo(CatalogCopies.MAX_COPIES);
        }
        CatalogCopies.Key oldest = new CatalogCopies.Key(CatalogCopies.context("http://127.0.0.1:1", "/p/0", null, null), "anonymous");
        CatalogCopies.Key newest = new CatalogCopies.Key(CatalogCopies.context("http://127.0.0.1:1", "/p/" + (written - 1), null, null), "anonymous");
        assertThat(copies.read(oldest)).isEmpty();
        assertThat(copies.read(newest)).get().extracting(CatalogCopies.Copy::etag).isEqualTo("\"t" + (written - 1) + "\"");
    }

    @Test
    void anAnswerOverTheSizeBoundOrWithABadTagIsNotKept() {
        CatalogCopies copies = new CatalogCopies(dir.resolve("catalogs"));
        CatalogCopies.Key key = new CatalogCopies.Key("c", "anonymous");
        copies.write(key, "\"has space\"", body(1));
        copies.write(key, "\"x".repeat(200), body(1));
        assertThat(copies.read(key)).isEmpty();
        copies.write(key, "\"ok\"", body(1));
        assertThat(copies.read(key)).get().extracting(c -> new String(c.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void theLatestCopyOfAContextIsTheMostRecentlyUsedIntactOne() throws Exception {
        CatalogCopies copies = new CatalogCopies(dir.resolve("catalogs"));
        String context = CatalogCopies.context("http://127.0.0.1:1/", null, "curated", null);
        assertThat(context).isEqualTo(CatalogCopies.context("http://127.0.0.1:1", null, "curated", null));
        CatalogCopies.Key alice = new CatalogCopies.Key(context, CatalogCopies.identity("a"));
        CatalogCopies.Key bob = new CatalogCopies.Key(context, CatalogCopies.identity("b"));
        copies.write(alice, "\"a\"", body(1));
        copies.write(bob, "\"b\"", body(2));
        Files.setLastModifiedTime(copies.directory().resolve(alice.fileName()), FileTime.fromMillis(1000));
        assertThat(copies.latest(context)).get().extracting(CatalogCopies.Copy::etag).isEqualTo("\"b\"");
        Files.writeString(copies.directory().resolve(bob.fileName()), "garbage");
        assertThat(copies.latest(context)).get().extracting(CatalogCopies.Copy::etag).isEqualTo("\"a\"");
        assertThat(copies.latest(CatalogCopies.context("http://127.0.0.1:2", null, "curated", null))).isEmpty();
    }
}
