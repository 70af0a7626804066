package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.json.Json;

/**
 * Scale check against GitHub's REST description (npm {@code @octokit/openapi},
 * {@code generated/api.github.com.json}, ~13 MB, 1,223 operations). Named *IT so surefire skips it;
 * the build passes the file's path as {@code -Docli.github.openapi=...}. Without it the test fails.
 */
class GithubScaleIT {
    @TempDir
    Path dir;

    @Test
    void githubDescriptionLoadsIntoUniqueTools() throws Exception {
        String location = System.getProperty("ocli.github.openapi");
        if (location == null || location.isBlank()) {
            fail("system property ocli.github.openapi must name api.github.com.json from npm @octokit/openapi");
        }
        Path file = Path.of(location).toAbsolutePath();
        assertThat(file).isRegularFile();

        long t0 = System.nanoTime();
        Json.MAPPER.readTree(Files.readAllBytes(file));
        long jacksonMs = (System.nanoTime() - t0) / 1_000_000;

        String config = """
                {"cli":"1.0.0","mode":{"default":"discover"},
                 "sources":{"gh":{"type":"openapi","uri":"%s"}},"services":{"github":{"source":"gh"}}}"""
                .formatted(file.toUri());
        long t1 = System.nanoTime();
        Catalog catalog = TestCatalogs.build(TestCatalogs.config(dir, config), dir.resolve("cache")).catalog();
        long buildMs = (System.nanoTime() - t1) / 1_000_000;

        Set<String> ids = new HashSet<>();
        catalog.tools().forEach(t -> ids.add(t.id()));
        System.out.printf("GitHub REST: %d tools, cold build %d ms, plain Jackson readTree %d ms%n",
                catalog.tools().size(), buildMs, jacksonMs);
        assertThat(catalog.tools()).hasSize(1223);
        assertThat(ids).hasSize(1223);

        // `ocli github repos get OWNER REPO`: the operationId repeats the tag, so the short alias is added.
        Tool get = catalog.tools().stream().filter(t -> t.id().equals("github:repos/get")).findFirst().orElseThrow();
        assertThat(get.group()).isEqualTo("repos");
        assertThat(get.command()).isEqualTo("repos-get");
        assertThat(get.aliases()).containsExactly("get");
        long shortAliases = catalog.tools().stream().filter(t -> !t.aliases().isEmpty()).count();
        System.out.printf("GitHub REST: %d tools answer to a short alias%n", shortAliases);
        assertThat(shortAliases).isGreaterThan(1100);
        for (Tool t : catalog.tools()) {
            assertThat(t.group()).as(t.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        }
    }
}
