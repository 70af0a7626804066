package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.fuzz.FuzzRequest;
import org.opencli.fleet.fuzz.HostileFiles;
import org.opencli.fleet.fuzz.RequestMutator;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * A seeded fuzzer against a real {@code oclird} (heap capped) and the real test upstream: mutated
 * bodies, headers, query parameters, methods and config paths, with a canary planted in every file
 * the daemon is pointed at and in its environment ({@code /proc/self/environ}). Checks: no 5xx,
 * every error is problem+json with a code, the canary appears in no answer, log or audit line, and
 * the daemon's RSS grows within a bound. {@code OCLI_FUZZ_SEED} and {@code OCLI_FUZZ_CASES} replay
 * or widen a run; the seed is in the transcript.
 */
public final class InputFuzzLane implements Lane {
    static final long DEFAULT_SEED = 20261204L;
    static final int DEFAULT_CASES = 400;
    static final Duration TIME_BUDGET = Duration.ofSeconds(120);
    /** The daemon's heap is capped so a leak or an unbounded read shows up as failures, not swap. */
    static final String HEAP = "-Xmx384m";
    static final long RSS_GROWTH_LIMIT_KB = 300 * 1024;

    @Override
    public void run(LaneContext ctx) throws Exception {
        long seed = Long.parseLong(System.getenv().getOrDefault("OCLI_FUZZ_SEED", String.valueOf(DEFAULT_SEED)));
        int cases = Integer.parseInt(System.getenv().getOrDefault("OCLI_FUZZ_CASES", String.valueOf(DEFAULT_CASES)));
        String canary = "CANARY-" + UUID.randomUUID();
        ctx.log("fuzz seed " + seed + ", " + cases + " cases (replay: OCLI_FUZZ_SEED=" + seed + ")");

        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> config.putObject("policy")
                    .putArray("deny").add("upstream:getSlow").add("upstream:getBig").add("upstream:flaky*")
                    .add("upstream:always503"));
            HostileFiles hostile = HostileFiles.create(ctx.workDir().resolve("hostile"), canary,
                    project.dir.resolve("upstream.openapi.yaml"));
            Map<String, String> env = new HashMap<>(project.env());
            env.put("OCLI_FUZZ_CANARY", canary); // so /proc/self/environ of the daemon holds it
            env.put("OCLIRD_JAVA_OPTS", HEAP);
            Daemon daemon = ctx.startDaemon("fuzz", env, "--config", project.config.toString());
            Map<String, String> auth = clientAuth(ctx, daemon);

            RequestMutator mutator = new RequestMutator(seed, hostile.configPaths());
            for (int i = 0; i < 20; i++) send(ctx, daemon, auth, mutator.next()); // warm up before measuring
            long rssBefore = rssKb(daemon);

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> fiveXx = new ArrayList<>();
            List<String> notProblems = new ArrayList<>();
            List<String> echoed = new ArrayList<>();
            long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
            int sent = 0;
            for (; sent < cases && System.nanoTime() < deadline; sent++) {
                FuzzRequest request = mutator.next();
                HttpResponse<String> response = send(ctx, daemon, auth, request);
                if (response == null) continue;
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String line = "#" + sent + " " + request.describe() + " -> " + response.statusCode();
                if (response.statusCode() >= 500) fiveXx.add(line + " " + response.body());
                if (response.statusCode() >= 400 && !isProblem(ctx, response, request.method())) notProblems.add(line);
                if (response.body().contains(canary) || response.headers().toString().contains(canary)) echoed.add(line);
            }
            long rssAfter = rssKb(daemon);
            ctx.log("statuses " + statuses);

            ctx.check("the fuzzer ran its cases within the time budget", sent >= Math.min(cases, 100),
                    sent + " of " + cases + " cases, seed " + seed);
            ctx.check("no input produced a 5xx", fiveXx.isEmpty(), String.join("\n", fiveXx.subList(0, Math.min(5, fiveXx.size()))));
            ctx.check("every error answer is problem+json with a code", notProblems.isEmpty(),
                    String.join("\n", notProblems.subList(0, Math.min(5, notProblems.size()))));
            ctx.check("no answer quotes a file the daemon read (canary never echoed)", echoed.isEmpty(),
                    String.join("\n", echoed.subList(0, Math.min(5, echoed.size()))));
            Path log = ctx.workDir().getParent().resolve("oclird-fuzz.log");
            Path audit = ctx.stateDir().resolve("instances/fuzz/audit.log");
            ctx.check("the canary is in neither the daemon's log nor its audit trail",
                    !Files.readString(log).contains(canary) && (!Files.exists(audit) || !Files.readString(audit).contains(canary)),
                    "checked " + log.getFileName() + " and audit.log");
            ctx.check("daemon RSS growth stays bounded (heap " + HEAP + ")", rssAfter - rssBefore < RSS_GROWTH_LIMIT_KB,
                    "RSS " + rssBefore / 1024 + " MB -> " + rssAfter / 1024 + " MB");
            ctx.check("the daemon is still serving", ctx.get(daemon.url() + "/v1/runtime/info", auth).statusCode() == 200, "");
        }
    }

    /** The registry's client key, when the daemon publishes one, authenticates the lane as its owner. */
    private static Map<String, String> clientAuth(LaneContext ctx, Daemon daemon) throws IOException {
        JsonNode registry = ctx.json(Files.readString(daemon.registryFile()));
        String key = registry.path("clientKey").asText("");
        return key.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(LaneContext ctx, Daemon daemon, Map<String, String> auth, FuzzRequest request)
            throws InterruptedException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(daemon.url() + request.target())).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException unsendable) {
            ctx.log("skipped (not a URI the client can send): " + request.describe());
            return null;
        }
        Map<String, String> headers = new HashMap<>(auth);
        headers.putAll(request.headers());
        headers.forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        try {
            HttpResponse<String> response = ctx.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
            ctx.log(request.describe() + " -> " + response.statusCode());
            return response;
        } catch (IOException e) {
            ctx.log(request.describe() + " -> no answer (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static boolean isProblem(LaneContext ctx, HttpResponse<String> response, String method) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) return false;
        if (method.equals("HEAD")) return true; // no body by definition
        try {
            JsonNode body = ctx.json(response.body());
            return body.path("code").isTextual() && body.path("status").asInt() == response.statusCode();
        } catch (IOException e) {
            return false;
        }
    }

    private static long rssKb(Daemon daemon) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + daemon.process().pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IOException("no VmRSS for " + daemon.process().pid());
    }
}
