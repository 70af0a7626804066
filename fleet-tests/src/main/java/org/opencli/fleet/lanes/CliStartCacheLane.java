package org.opencli.fleet.lanes;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * The JDK and start-up cache {@code make build} leaves for {@code bin/ocli}
 * (scripts/ocli-cds.sh, docs/performance.md): the script picks a JDK and trains a cache with it,
 * and {@code bin/ocli} starts on that JDK with the cache (its own classes come from the cache). A
 * copy of the launcher and application then shows the cache is skipped, silently and with the same
 * output, when the jar is newer, when another java wrote it, with {@code OCLI_CDS=off}, and when
 * the cache file is cut short. Runs first in the matrix: the lanes after it start ocli as
 * {@code make build} leaves it.
 */
public final class CliStartCacheLane implements Lane {
    @Override
    public void run(LaneContext ctx) throws Exception {
        Path root = ctx.repoRoot();
        Path app = root.resolve("cli-client/target/quarkus-app");
        ProcResult trained = ctx.exec(root, Map.of(), root.resolve("scripts/ocli-cds.sh").toString());
        ctx.check("scripts/ocli-cds.sh (part of make build) exits 0", trained.exitCode() == 0, trained.stderr());
        Path chosen = app.resolve("ocli.java");
        String java = Files.isRegularFile(chosen) ? Files.readString(chosen).strip() : "";
        ctx.check("it records the JDK ocli runs on, an executable java", !java.isEmpty() && Files.isExecutable(Path.of(java)), java);
        Path cache = Files.isRegularFile(app.resolve("ocli.aot")) ? app.resolve("ocli.aot") : app.resolve("ocli.jsa");
        Path writtenBy = cache.resolveSibling(cache.getFileName() + ".jdk");
        ctx.check("and a start-up cache written by that java (AOT cache on JDK 25+, else a class-data archive)",
                Files.size(cache) > 0 && Files.readString(writtenBy).strip().equals(java), cache.getFileName().toString());

        String version = ctx.ocli("--version").stdout();
        Path loaded = ctx.workDir().resolve("classes-fresh.txt");
        ProcResult fresh = ctx.ocliIn(ctx.workDir(), Map.of("OCLI_JAVA_OPTS", "-Xlog:class+load:file=" + loaded), "--version");
        ctx.check("bin/ocli runs on that java and loads its own classes from the cache",
                fresh.exitCode() == 0 && fresh.stdout().equals(version) && fromCache(loaded), firstLine(loaded));
        ctx.check("picocli's classes too (re-emitted as Java 8 class files: the Java 5 ones were never cached)",
                Files.readAllLines(loaded).stream().anyMatch(l -> l.contains("picocli.CommandLine ") && l.contains("source: shared objects file")),
                Files.readAllLines(loaded).stream().filter(l -> l.contains("picocli.CommandLine ")).findFirst().orElse("picocli.CommandLine not logged"));

        for (String notJava : List.of(ctx.workDir().resolve("no-such-jdk/bin/java").toString(), ctx.workDir().toString())) {
            ProcResult wrong = ctx.ocliIn(ctx.workDir(), Map.of("OCLI_JAVA", notJava), "--version");
            ctx.check("OCLI_JAVA naming no runnable java (" + notJava + "): exit 1 and a message naming OCLI_JAVA",
                    wrong.exitCode() == 1 && wrong.stdout().isEmpty()
                            && wrong.stderr().startsWith("ocli: OCLI_JAVA is '" + notJava + "', which is not a java"),
                    "exit " + wrong.exitCode() + " " + wrong.stderr());
        }

        Path copy = copyLauncher(ctx, root);
        Path copiedApp = copy.resolve("cli-client/target/quarkus-app");
        Path copiedCache = copiedApp.resolve(cache.getFileName());
        Files.setLastModifiedTime(copiedCache, FileTime.from(Instant.now()));
        String launcher = copy.resolve("bin/ocli").toString();

        Files.setLastModifiedTime(copiedApp.resolve("quarkus-run.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        skipped(ctx, launcher, version, Map.of(), "a jar newer than the cache (rebuilt, not retrained)");
        Files.setLastModifiedTime(copiedApp.resolve("quarkus-run.jar"), FileTime.from(Instant.now().minusSeconds(60)));

        Files.writeString(copiedCache.resolveSibling(cache.getFileName() + ".jdk"), "/usr/lib/jvm/another-jdk/bin/java\n");
        skipped(ctx, launcher, version, Map.of(), "a cache another java wrote");
        Files.writeString(copiedCache.resolveSibling(cache.getFileName() + ".jdk"), java + "\n");

        skipped(ctx, launcher, version, Map.of("OCLI_CDS", "off"), "OCLI_CDS=off");

        try (FileChannel channel = FileChannel.open(copiedCache, StandardOpenOption.WRITE)) {
            channel.truncate(Math.min(Files.size(copiedCache), 64 * 1024));
        }
        Files.setLastModifiedTime(copiedCache, FileTime.from(Instant.now()));
        ProcResult cut = ctx.exec(ctx.workDir(), Map.of(), launcher, "--version");
        ctx.check("a cache cut short is skipped by the JVM: same output, nothing on stderr",
                cut.exitCode() == 0 && cut.stdout().equals(version) && cut.stderr().isEmpty(), cut.stderr());
    }

    /** The copy's launcher runs without its cache: exit 0, the same output, nothing on stderr, its classes from the jar. */
    private static void skipped(LaneContext ctx, String launcher, String version, Map<String, String> env, String why) throws Exception {
        Path loaded = ctx.workDir().resolve("classes-" + why.replaceAll("[^a-z]+", "-") + ".txt");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("OCLI_JAVA_OPTS", "-Xlog:class+load:file=" + loaded);
        ProcResult result = ctx.exec(ctx.workDir(), all, launcher, "--version");
        ctx.check("without its cache on " + why + ": the same output, nothing on stderr",
                result.exitCode() == 0 && result.stdout().equals(version) && result.stderr().isEmpty() && !fromCache(loaded),
                "exit " + result.exitCode() + " " + result.stderr() + " " + firstLine(loaded));
    }

    private static boolean fromCache(Path classLog) throws Exception {
        return Files.isRegularFile(classLog) && Files.readAllLines(classLog).stream()
                .anyMatch(l -> l.contains("org.opencli.cli.OcliCommand ") && l.contains("source: shared objects file"));
    }

    private static String firstLine(Path classLog) throws Exception {
        if (!Files.isRegularFile(classLog)) return "no class log";
        return Files.readAllLines(classLog).stream().filter(l -> l.contains("org.opencli.cli.OcliCommand ")).findFirst().orElse("OcliCommand not logged");
    }

    /** bin/ocli and the application, copied with their times: a launcher finds its files beside itself. */
    private static Path copyLauncher(LaneContext ctx, Path root) throws Exception {
        Path copy = ctx.workDir().resolve("copy");
        Files.createDirectories(copy.resolve("bin"));
        Files.copy(root.resolve("bin/ocli"), copy.resolve("bin/ocli"), StandardCopyOption.COPY_ATTRIBUTES);
        Path source = root.resolve("cli-client/target/quarkus-app");
        Path target = copy.resolve("cli-client/target/quarkus-app");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }
}
