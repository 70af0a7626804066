package org.opencli.fleet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * Issue 13's execution cases against a real {@code oclird} process and a {@link HostileUpstream}:
 * a gzip bomb and a huge body end as {@code response_too_large}, a trickle and a silent upstream as
 * {@code upstream_timeout} at the service's total deadline, a secret with CR/LF or NUL is refused by
 * name, NUL in a header flag, an object for a string parameter and '..' path arguments are 400s —
 * each a problem+json, never a 500 — and the daemon's resident memory stays within a stated bound
 * while no secret byte appears in any answer, log or audit line. Transcript and daemon log:
 * target/hostile/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileExecutionTest {
    /** The daemon's default maxResponseBytes (10 MiB). */
    private static final long LIMIT = 10L * 1024 * 1024;
    /**
     * Resident memory the daemon may gain over every hostile call of this class (10 bombs of 200 MiB
     * inflated, 10 bodies of 100 MiB, 4 of each at once, trickles, timeouts), measured from after one
     * ordinary call: per call at most 2 × maxResponseBytes (10 MiB) of buffer, plus the JVM's own heap
     * growth. Before bodies were streamed, one bomb alone added 816 MiB.
     */
    private static final long RSS_GROWTH_BOUND_KIB = 256 * 1024;
    private static final String TOKEN_MARK = "HOSTILE-TOKEN-5c1e";
    private static final String KEY_MARK = "HOSTILE-KEY-9b7d";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileUpstream upstream;
    private LaneContext ctx;
    private Daemon daemon;
    private Path stateDir;
    private Path laneDir;
    private Path project;
    private long rssAtStart;
    private final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize();
        laneDir = root.resolve("target/hostile");
        deleteRecursively(laneDir);
        Files.createDirectories(laneDir);
        upstream = HostileUpstream.start();
        ctx = new LaneContext(root, laneDir);
        stateDir = ctx.stateDir();
        project = ctx.fixture("hostile");
        Files.write(project.resolve("nul.secret"), (KEY_MARK + "\0tail").getBytes(StandardCharsets.UTF_8));
        ObjectNode config = JSON.createObjectNode().put("cli", "1.0.0");
        config.putObject("mode").put("default", "discover");
        ObjectNode sources = config.putObject("sources");
        sources.putObject("hostileApi").put("type", "openapi").put("uri", "./hostile.openapi.yaml");
        sources.putObject("slowApi").put("type", "openapi").put("uri", "./slow.openapi.yaml");
        ObjectNode services = config.putObject("services");
        services.putObject("hostile").put("source", "hostileApi").put("baseURL", upstream.apiUrl()); // default limits
        ObjectNode slow = services.putObject("slow").put("source", "slowApi").put("baseURL", upstream.apiUrl());
        slow.putObject("timeouts").put("totalMs", 3000); // where the deadline is configured; default 30 s
        ObjectNode secrets = config.putObject("secrets");
        secrets.putObject("bearerAuth").put("type", "env").put("value", "HOSTILE_TOKEN");
        secrets.putObject("headerKey").put("type", "file").put("value", "nul.secret");
        Path cli = project.resolve(".cli.json");
        Files.writeString(cli, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        daemon = ctx.startDaemon("hostile", Map.of("HOSTILE_TOKEN", TOKEN_MARK + "\r\nX-Injected: yes"),
                "--config", cli.toString());
        // the execution path warmed up by one ordinary call: what follows is what hostile bodies cost
        assertThat(execute("{\"toolId\":\"hostile:ping\"}").statusCode()).isEqualTo(200);
        rssAtStart = rssKib();
    }

    @AfterAll
    void stop() {
        if (ctx != null) ctx.close();
        if (upstream != null) upstream.close();
    }

    @Test
    @Order(1)
    void aGzipBombIsResponseTooLargeAndTheRestIsNotRead() throws Exception {
        JsonNode problem = problem(execute("{\"toolId\":\"hostile:getBomb\"}"), 502, "response_too_large");
        assertThat(problem.path("detail").asText()).contains(String.valueOf(LIMIT));
        assertThat(upstream.requestsTo("/api/bomb")).as("not retried").isEqualTo(1);
    }

    @Test
    @Order(2)
    void aHugeBodyIsResponseTooLarge() throws Exception {
        problem(execute("{\"toolId\":\"hostile:getHuge\"}"), 502, "response_too_large");
        assertThat(upstream.requestsTo("/api/huge")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aTricklingBodyIsUpstreamTimeoutAtTheTotalDeadline() throws Exception {
        long start = System.nanoTime();
        JsonNode problem = problem(execute("{\"toolId\":\"slow:getTrickle\"}"), 502, "upstream_timeout");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(problem.path("detail").asText()).contains("total deadline 3000 ms");
        assertThat(tookMs).as("held for the 3 s deadline, not the 30 s response timeout").isBetween(2900L, 20_000L);
    }

    @Test
    @Order(4)
    void aSilentUpstreamIsUpstreamTimeoutAtTheTotalDeadline() throws Exception {
        long start = System.nanoTime();
        problem(execute("{\"toolId\":\"slow:getSlow\"}"), 502, "upstream_timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2900L, 20_000L);
    }

    @Test
    @Order(5)
    void secretsWithCrLfOrNulAreRefusedByNameAndNeverSent() throws Exception {
        JsonNode crlf = problem(execute("{\"toolId\":\"hostile:bearerOnly\"}"), 401, "credentials_unresolved");
        assertThat(crlf.path("detail").asText()).contains("secret 'bearerAuth'").contains("carriage return");
        JsonNode nul = problem(execute("{\"toolId\":\"hostile:keyOnly\"}"), 401, "credentials_unresolved");
        assertThat(nul.path("detail").asText()).contains("secret 'headerKey'").contains("NUL");
        assertThat(upstream.requestsTo("/api/secure/bearer") + upstream.requestsTo("/api/secure/key")).isZero();
    }

    @Test
    @Order(6)
    void nulInAHeaderFlagIs400AndNotRetried() throws Exception {
        findRefused("{\"X-Note\":\"a\\u0000b\"}", "{\"X-Note\":\"a\\r\\nX-Admin: 1\"}");
    }

    @Test
    @Order(7)
    void anObjectForAStringParameterIs400NeverExtraNames() throws Exception {
        findRefused("{\"q\":{\"admin\":\"true\"}}", "{\"theme\":{\"admin\":\"true\"}}");
        HttpResponse<String> ok = execute("{\"toolId\":\"hostile:find\",\"flags\":{\"q\":\"a&admin=true\"}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.seen().get(upstream.seen().size() - 1).rawQuery()).isEqualTo("q=a%26admin%3Dtrue");
    }

    @Test
    @Order(8)
    void dotDotDotAndEmptyPathArgumentsAre400() throws Exception {
        for (String arg : new String[] {"..", ".", ""}) {
            problem(execute("{\"toolId\":\"hostile:deleteItem\",\"pathArgs\":[\"" + arg + "\"]}"), 400, "invalid_arguments");
        }
        assertThat(upstream.seen()).noneMatch(s -> s.method().equals("DELETE"));
    }

    @Test
    @Order(9)
    void residentMemoryStaysBoundedUnderRepeatedAndConcurrentHostileBodies() throws Exception {
        long before = rssKib();
        for (int i = 0; i < 4; i++) {
            problem(execute("{\"toolId\":\"hostile:getBomb\"}"), 502, "response_too_large");
            problem(execute("{\"toolId\":\"hostile:getHuge\"}"), 502, "response_too_large");
        }
        List<CompletableFuture<HttpResponse<String>>> together = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            together.add(executeAsync("{\"toolId\":\"hostile:getBomb\"}"));
            together.add(executeAsync("{\"toolId\":\"hostile:getHuge\"}"));
        }
        for (CompletableFuture<HttpResponse<String>> one : together) problem(one.join(), 502, "response_too_large");
        long after = rssKib();
        ctx.log("daemon VmRSS at start " + rssAtStart + " kB, before this test " + before + " kB, after " + after + " kB");
        assertThat(after - rssAtStart).as("VmRSS growth in KiB over every hostile call (start %d, after %d)", rssAtStart, after)
                .isLessThan(RSS_GROWTH_BOUND_KIB);
    }

    @Test
    @Order(10)
    void embeddedModeRefusesTheSameWay() throws Exception {
        // its own state root: this process is not a second writer of the daemon's audit trail
        Map<String, String> env = Map.of("OCLI_STATE_DIR", laneDir.resolve("embedded-state").toString(),
                "HOSTILE_TOKEN", TOKEN_MARK + "\r\nX-Injected: yes");
        ProcResult bomb = embedded(env, "hostile", "bomb", "get-bomb");
        assertThat(bomb.exitCode()).as(bomb.stderr()).isEqualTo(8);
        assertThat(bomb.stderr()).contains("too large").contains(String.valueOf(LIMIT));
        ProcResult secret = embedded(env, "hostile", "secure", "bearer-only");
        assertThat(secret.exitCode()).as(secret.stderr()).isEqualTo(4);
        assertThat(secret.stderr()).contains("secret 'bearerAuth'").contains("carriage return");
        ProcResult dotDot = embedded(env, "hostile", "items", "delete-item", "..");
        assertThat(dotDot.exitCode()).as(dotDot.stderr()).isEqualTo(2);
        assertThat(upstream.seen()).noneMatch(s -> s.method().equals("DELETE"));
    }

    @Test
    @Order(11)
    void noSecretByteInAnyAnswerLogOrAuditLine() throws Exception {
        String audit = Files.readString(stateDir.resolve("instances/hostile/audit.log"));
        String daemonLog = Files.readString(laneDir.resolve("oclird-hostile.log"));
        assertThat(audit).contains("response_too_large").contains("upstream_timeout").contains("credentials_unresolved");
        for (String mark : List.of(TOKEN_MARK, KEY_MARK, "X-Injected")) {
            assertThat(answers).as("answers").noneMatch(a -> a.contains(mark));
            assertThat(audit).as("audit").doesNotContain(mark);
            assertThat(daemonLog).as("daemon log").doesNotContain(mark);
            assertThat(upstream.seen()).as("requests the upstream saw").noneMatch(s -> s.headers().contains(mark));
        }
    }

    /** Each of these flags for hostile:find is a 400 problem, and the upstream sees none of them. */
    private void findRefused(String... flagsJson) throws Exception {
        for (String flags : flagsJson) {
            problem(execute("{\"toolId\":\"hostile:find\",\"flags\":" + flags + "}"), 400, "invalid_arguments");
        }
        assertThat(upstream.requestsTo("/api/find")).isZero();
    }

    /** Asserts a problem+json answer with this status and code; never a 500. */
    private JsonNode problem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpResponse<String> execute(String json) throws Exception {
        HttpResponse<String> response = ctx.post(daemon.url() + "/v1/tools/execute", json);
        answers.add(response.headers().map() + " " + response.body());
        return response;
    }

    private ProcResult embedded(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--embedded"));
        command.addAll(List.of(args));
        ProcResult result = ctx.ocliIn(project, env, command.toArray(String[]::new));
        answers.add(result.stdout() + " " + result.stderr());
        return result;
    }

    private CompletableFuture<HttpResponse<String>> executeAsync(String json) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execute(json);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(daemon.process().pid()), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS for the daemon");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
