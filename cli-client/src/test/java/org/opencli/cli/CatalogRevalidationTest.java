package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;

/**
 * ocli keeps the runtime's catalog answer on disk and revalidates it with If-None-Match: a 304
 * reuses the copy, anything that changes the answer (content, mode, profile, caller) never does.
 */
class CatalogRevalidationTest {
    @TempDir
    Path dir;
    FakeRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime().withEntityTags();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private CliResult ocli(Map<String, String> env, String... args) {
        Stream<String> target = Stream.of("--runtime", runtime.url(), "--state-dir", dir.resolve("state").toString());
        return new CliRunner(env, dir).run(Stream.concat(target, Stream.of(args)).toArray(String[]::new));
    }

    private CliResult list(String... extra) {
        String[] args = Stream.concat(Stream.of("catalog", "list", "--format", "json"), Stream.of(extra)).toArray(String[]::new);
        return ocli(Map.of(), args);
    }

    private List<Path> copies() throws Exception {
        Path catalogs = catalogsDir();
        if (!Files.isDirectory(catalogs)) return List.of();
        try (Stream<Path> files = Files.list(catalogs)) {
            return files.filter(f -> f.toString().endsWith(".copy")).toList();
        }
    }

    private Path catalogsDir() throws Exception {
        try (Stream<Path> instances = Files.list(dir.resolve("state/instances"))) {
            return instances.findFirst().orElseThrow().resolve("cache/catalogs");
        }
    }

    @Test
    void theSecondCallGetsA304AndPrintsTheSameOutput() throws Exception {
        CliResult first = list();
        CliResult second = list();
        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(runtime.catalogStatuses()).containsExactly(200, 304);
        assertThat(runtime.ifNoneMatch().get(0)).isEmpty();
        assertThat(runtime.ifNoneMatch().get(1)).startsWith("\"");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEmpty();
        // the table and the dynamic tree come from the copy as well
        assertThat(ocli(Map.of(), "hd", "tickets", "--help").exitCode()).isZero();
        assertThat(runtime.catalogStatuses()).containsExactly(200, 304, 304);
    }

    @Test
    void aChangedCatalogIsDownloadedAgainNeverServedFromTheCopy() {
        String first = list().out();
        runtime.serveCatalog(FakeRuntime.CATALOG.replace("Helpdesk API", "Helpdesk API v2"));
        CliResult changed = list();
        assertThat(runtime.catalogStatuses()).containsExactly(200, 200);
        assertThat(changed.out()).contains("Helpdesk API v2").isNotEqualTo(first);
        assertThat(list().out()).isEqualTo(changed.out());
        assertThat(runtime.catalogStatuses()).containsExactly(200, 200, 304);
    }

    @Test
    void modeProfileAndCallerEachHaveTheirOwnCopy() throws Exception {
        list();
        list("--mode", "curated");
        list("--agent-profile=ops");
        assertThat(runtime.ifNoneMatch()).containsExactly("", "", "");
        Map<String, String> alice = new HashMap<>(Map.of("OCLI_TOKEN", "alice-token-1"));
        Map<String, String> bob = new HashMap<>(Map.of("OCLI_TOKEN", "bob-token-2"));
        ocli(alice, "catalog", "list", "--format", "json");
        ocli(bob, "catalog", "list", "--format", "json");
        ocli(alice, "catalog", "list", "--format", "json");
        assertThat(runtime.ifNoneMatch().subList(3, 6)).extracting(String::isEmpty).containsExactly(true, true, false);
        list("--mode", "curated");
        assertThat(runtime.catalogStatuses()).containsExactly(200, 200, 200, 200, 200, 304, 304);
        assertThat(copies()).hasSize(5);
        for (Path copy : copies()) {
            String text = Files.readString(copy, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("alice-token-1").doesNotContain("bob-token-2");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(catalogsDir()))).isEqualTo("rwx------");
    }

    @Test
    void aCorruptCopyIsIgnoredAndReplaced() throws Exception {
        String expected = list().out();
        Path copy = copies().get(0);
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length - 5] ^= 0x01; // one flipped bit in the body: the hash no longer matches
        Files.write(copy, bytes);
        CliResult afterCorruption = list();
        assertThat(afterCorruption.out()).isEqualTo(expected);
        assertThat(runtime.ifNoneMatch().get(1)).as("a corrupt copy is not even offered").isEmpty();
        Files.writeString(copy, "not a copy at all");
        assertThat(list().out()).isEqualTo(expected);
        assertThat(list().out()).isEqualTo(expected);
        assertThat(runtime.catalogStatuses()).containsExactly(200, 200, 200, 304);
    }

    /**
     * ocli processes started at once share the instance's copies: each writes its copy whole or
     * not at all, none reads a half-written one, and the next call still revalidates an intact copy.
     */
    @Test
    void concurrentProcessesShareTheCopiesWithoutTearingThem() throws Exception {
        String expected = list().out();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new java.util.ArrayList<>();
        List<Path> outputs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                // a different profile each second process: two contexts written side by side
                Path out = dir.resolve("out-" + i + ".json");
                outputs.add(out);
                List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                        LeanStartTest.LeanStartProbe.class.getName(), "--runtime", runtime.url(),
                        "--state-dir", dir.resolve("state").toString(), "catalog", "list", "--format", "json"));
                if (i % 2 == 1) command.addAll(List.of("--mode", "curated"));
                processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                        .redirectError(dir.resolve("err-" + i + ".txt").toFile()).start());
            }
            for (int i = 0; i < processes.size(); i++) {
                assertThat(processes.get(i).waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("process " + i + " ended").isTrue();
                assertThat(processes.get(i).exitValue()).as(Files.readString(dir.resolve("err-" + i + ".txt"))).isZero();
                if (i % 2 == 0) assertThat(Files.readString(outputs.get(i))).isEqualTo(expected);
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        try (Stream<Path> files = Files.list(catalogsDir())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".copy")).toList())
                    .as("no temporary file left behind").isEmpty();
        }
        int before = runtime.catalogStatuses().size();
        assertThat(list().out()).isEqualTo(expected);
        assertThat(runtime.catalogStatuses().subList(before, before + 1)).containsExactly(304);
    }
}
