package org.opencli.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the lanes of {@code fleet-tests/matrix.json} (or the named ones) against the built
 * launchers and writes {@code target/fleet/<lane>/transcript.log} and {@code rubric.json}.
 * Usage: {@code FleetRunner REPO_ROOT [lane ...]}; exits 1 when any lane fails.
 */
public final class FleetRunner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> only = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        List<LaneResult> results = new ArrayList<>();
        for (LaneSpec spec : Matrix.read(root)) {
            if (!only.isEmpty() && !only.contains(spec.lane())) continue;
            LaneResult result = run(root, spec);
            results.add(result);
            System.out.printf("%-28s %s (%d checks)%n", spec.lane(), result.pass() ? "PASS" : "FAIL", result.checks().size());
        }
        long failed = results.stream().filter(r -> !r.pass()).count();
        System.out.println("fleet: " + (results.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 && !results.isEmpty() ? 0 : 1);
    }

    public static LaneResult run(Path root, LaneSpec spec) throws Exception {
        Path laneDir = root.resolve("target/fleet").resolve(spec.lane());
        deleteRecursively(laneDir);
        Files.createDirectories(laneDir);
        String error = null;
        LaneContext ctx = new LaneContext(root, laneDir);
        try (ctx) {
            ctx.log("lane " + spec.lane() + " (" + spec.capability() + "): " + spec.description());
            Lane lane = (Lane) Class.forName(spec.laneClass()).getDeclaredConstructor().newInstance();
            lane.run(ctx);
        } catch (Exception | AssertionError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            error = e.toString();
            ctx.check("lane completed without error", false, error);
            Files.writeString(laneDir.resolve("error.log"), trace.toString());
        }
        boolean pass = error == null && !ctx.checks().isEmpty() && ctx.checks().stream().allMatch(Check::pass);
        List<String> artifacts = new ArrayList<>(ctx.artifacts());
        artifacts.add("rubric.json");
        LaneResult result = new LaneResult(spec.lane(), spec.capability(), pass, ctx.checks(), artifacts, error);
        Files.write(laneDir.resolve("rubric.json"), JSON.writeValueAsBytes(result));
        return result;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
