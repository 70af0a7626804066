package org.opencli.core.catalog.refs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.opencli.core.catalog.CatalogBuild;
import org.opencli.core.catalog.TestCatalogs;

/** The multi-file fixture (resources catalog/multifile) and a one-service config over a URI of it. */
final class MultiFile {
    static final Path FIXTURE = TestCatalogs.resource("catalog/multifile/openapi.yaml").getParent();

    private MultiFile() {
    }

    static CatalogBuild build(Path dir, String uri) {
        return TestCatalogs.build(TestCatalogs.config(dir, """
                {"cli":"1.0.0","mode":{"default":"discover"},
                 "sources":{"hd":{"type":"openapi","uri":"%s"}},"services":{"helpdesk":{"source":"hd"}}}"""
                .formatted(uri)), dir.resolve("cache"));
    }

    /** A writable copy of the fixture under {@code dir/spec}. */
    static Path copy(Path dir) {
        Path target = dir.resolve("spec");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(FIXTURE.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
