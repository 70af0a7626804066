package org.opencli.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencli.core.json.Json;

/**
 * A daemon stand-in on a loopback port: canned catalog and runtime info, problem+json for an
 * unknown profile ({@code agentProfile=nope}) and for configs named {@code bad.cli.json}.
 * {@code POST /v1/tools/execute} bodies are recorded and answered with the canned answer for the
 * tool ({@link #answer}), else {@code {statusCode: 200, body: {ok: true}}}; a dry run is answered
 * with a rendered request.
 */
public final class FakeRuntime implements AutoCloseable {
    public static final String CATALOG = read("/fake-runtime/catalog.json");
    public static final String INFO = read("/fake-runtime/runtime-info.json");

    private final HttpServer server;
    private final List<Map<String, String>> catalogQueries = new CopyOnWriteArrayList<>();
    private final List<JsonNode> executions = new CopyOnWriteArrayList<>();
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private final List<JsonNode> workflowRuns = new CopyOnWriteArrayList<>();
    private final Map<String, Canned> workflowAnswers = new ConcurrentHashMap<>();

    /** A canned execute answer: the runtime's own HTTP status and JSON (an ExecuteResult or a problem). */
    public record Canned(int status, String json) {
    }

    public FakeRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/catalog/effective", this::catalog).getFilters().add(failures);
        server.createContext("/v1/runtime/info", ex -> send(ex, 200, "application/json", info)).getFilters().add(failures);
        server.createContext("/v1/runtime/stop", this::stop).getFilters().add(failures);
        server.createContext("/v1/runtime/session-close", this::sessionClose).getFilters().add(failures);
        server.createContext("/v1/runtime/heartbeat", this::heartbeat).getFilters().add(failures);
        server.createContext("/v1/tools/execute", this::execute).getFilters().add(failures);
        server.createContext("/v1/workflows/run", this::workflow).getFilters().add(failures);
        server.start();
    }

    private volatile String info = INFO;
    private volatile Runnable onStop = () -> {};
    private final List<String> lifecycleCalls = new CopyOnWriteArrayList<>();

    /** Serve {@code json} as the runtime info from now on (a daemon with a lifecycle block, say). */
    public FakeRuntime serveInfo(String json) {
        info = json;
        return this;
    }

    /** Run {@code action} when a stop is asked for (after answering): end the process the registry names, say. */
    public FakeRuntime onStop(Runnable action) {
        onStop = action;
        return this;
    }

    /** {@code stop} and {@code session-close <body>} calls, in order. */
    public List<String> lifecycleCalls() {
        return lifecycleCalls;
    }

    private volatile Canned heartbeatAnswer = new Canned(200,
            "{\"sessionId\":\"s\",\"activeSessions\":1,\"heartbeatSeconds\":15,\"missedHeartbeatLimit\":4,\"leaseExpiresAt\":\"2030-01-01T00:00:00Z\"}");
    private final List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();

    /** Answer heartbeats with this status and JSON from now on (a 409 problem, say). */
    public FakeRuntime answerHeartbeats(int status, String json) {
        heartbeatAnswer = new Canned(status, json);
        return this;
    }

    /** The heartbeat bodies received, in order. */
    public List<JsonNode> heartbeats() {
        return heartbeats;
    }

    private void heartbeat(HttpExchange ex) throws IOException {
        heartbeats.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
        Canned answer = heartbeatAnswer;
        send(ex, answer.status(), answer.status() == 200 ? "application/json" : "application/problem+json", answer.json());
    }

    private volatile boolean stopDropsConnection;

    /** A stop closes the connection without an answer (after running {@link #onStop}): a daemon exiting mid-answer. */
    public FakeRuntime stopDropsConnection() {
        stopDropsConnection = true;
        return this;
    }

    private void stop(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        lifecycleCalls.add("stop " + ex.getRequestMethod());
        if (stopDropsConnection) {
            onStop.run();
            ex.close();
            return;
        }
        send(ex, 200, "application/json", "{\"stopped\":true}");
        onStop.run();
    }

    /** Closes the session named {@code open-*} (one other stays active); any other had no lease. */
    private void sessionClose(HttpExchange ex) throws IOException {
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
        lifecycleCalls.add("session-close " + ex.getRequestMethod() + " " + body);
        boolean known = body.path("sessionId").asText().startsWith("open-");
        send(ex, 200, "application/json", "{\"closed\":" + known + ",\"activeSessions\":1}");
    }

    /** The next {@code n} requests have their connection closed without any answer (a replica dying mid-call). */
    public FakeRuntime dropNext(int n) {
        drops.set(n);
        return this;
    }

    /** After {@code pass} more requests are answered, the next {@code n} are dropped as in {@link #dropNext}. */
    public FakeRuntime dropNextAfter(int pass, int n) {
        passes.set(pass);
        drops.set(n);
        return this;
    }

    /** The next {@code n} requests get a balancer's 502 HTML page instead of an answer. */
    public FakeRuntime gatewayErrorNext(int n) {
        gatewayErrors.set(n);
        return this;
    }

    /** Every request that arrived, answered or not. */
    public int requestsSeen() {
        return seen.get();
    }

    private final java.util.concurrent.atomic.AtomicInteger drops = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger gatewayErrors = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger passes = new java.util.concurrent.atomic.AtomicInteger();
    private final com.sun.net.httpserver.Filter failures = new com.sun.net.httpserver.Filter() {
        @Override
        public void doFilter(HttpExchange ex, Chain chain) throws IOException {
            seen.incrementAndGet();
            if (passes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                chain.doFilter(ex);
            } else if (drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getRequestBody().readAllBytes();
                ex.close(); // no response headers sent: the server closes the connection
            } else if (gatewayErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getRequestBody().readAllBytes();
                send(ex, 502, "text/html", "<html><body>502 Bad Gateway</body></html>");
            } else {
                chain.doFilter(ex);
            }
        }

        @Override
        public String description() {
            return "injected connection failures";
        }
    };

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The query parameters of every catalog request, in order. */
    public List<Map<String, String>> catalogQueries() {
        return catalogQueries;
    }

    /** The execute request bodies received, in order. */
    public List<JsonNode> executions() {
        return executions;
    }

    /** Answer executions of {@code toolId} with this runtime status and JSON. */
    public FakeRuntime answer(String toolId, int status, String json) {
        answers.put(toolId, new Canned(status, json));
        return this;
    }

    /** The workflow run request bodies received, in order. */
    public List<JsonNode> workflowRuns() {
        return workflowRuns;
    }

    /** Answer runs of {@code workflowId} with this runtime status and JSON (a run result or a problem). */
    public FakeRuntime answerWorkflow(String workflowId, int status, String json) {
        workflowAnswers.put(workflowId, new Canned(status, json));
        return this;
    }

    /** Records the body; the canned answer, else two ready steps. */
    private void workflow(HttpExchange ex) throws IOException {
        JsonNode request = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
        workflowRuns.add(request);
        Canned canned = workflowAnswers.getOrDefault(request.path("workflowId").asText(), new Canned(200,
                "{\"workflowId\":\"" + request.path("workflowId").asText() + "\",\"steps\":["
                        + "{\"stepId\":\"a\",\"toolId\":\"helpdesk:createTicket\",\"status\":\"ready\"},"
                        + "{\"stepId\":\"b\",\"toolId\":\"helpdesk:getTicket\",\"status\":\"ready\"}]}"));
        send(ex, canned.status(), canned.status() == 200 ? "application/json" : "application/problem+json", canned.json());
    }

    private void execute(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, "text/plain", "POST only");
            return;
        }
        JsonNode request = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
        executions.add(request);
        if (request.path("dryRun").asBoolean(false)) {
            send(ex, 200, "application/json", "{\"request\":{\"method\":\"GET\",\"url\":\"https://up.test/tickets/42\","
                    + "\"headers\":{\"Authorization\":\"***\",\"Accept\":\"application/json\"},\"body\":\"{\\\"a\\\":1}\"}}");
            return;
        }
        Canned canned = answers.getOrDefault(request.path("toolId").asText(), new Canned(200, "{\"statusCode\":200,\"body\":{\"ok\":true}}"));
        send(ex, canned.status(), canned.status() == 200 ? "application/json" : "application/problem+json", canned.json());
    }

    private void catalog(HttpExchange ex) throws IOException {
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        catalogQueries.add(query);
        if ("nope".equals(query.get("agentProfile"))) {
            send(ex, 404, "application/problem+json", "{\"type\":\"https://open-cli.dev/problems/unknown_profile\","
                    + "\"title\":\"Unknown agent profile\",\"status\":404,\"detail\":\"no agent profile 'nope'\",\"code\":\"unknown_profile\"}");
        } else if (query.getOrDefault("config", "").endsWith("bad.cli.json")) {
            send(ex, 400, "application/problem+json", "{\"type\":\"https://open-cli.dev/problems/invalid_config\","
                    + "\"title\":\"Invalid configuration\",\"status\":400,\"detail\":\"1 problem\",\"code\":\"invalid_config\","
                    + "\"errors\":[{\"file\":\"/p/bad.cli.json\",\"path\":\"$.mode.default\",\"message\":\"unknown mode 'x'\","
                    + "\"expected\":\"discover or curated\"}]}");
        } else if (entityTags) {
            conditional(ex);
        } else {
            send(ex, 200, "application/json", CATALOG);
        }
    }

    private volatile boolean entityTags;
    private volatile String catalog = CATALOG;
    private final List<Integer> catalogStatuses = new CopyOnWriteArrayList<>();
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();

    /** Catalog answers carry an ETag (SHA-256 of the bytes) and a matching If-None-Match gets 304, as oclird does. */
    public FakeRuntime withEntityTags() {
        entityTags = true;
        return this;
    }

    /** Serve {@code json} as the catalog from now on (with entity tags on). */
    public FakeRuntime serveCatalog(String json) {
        catalog = json;
        return this;
    }

    /** The status of each catalog answer sent with entity tags on, in order. */
    public List<Integer> catalogStatuses() {
        return catalogStatuses;
    }

    /** The If-None-Match of each catalog request with entity tags on ("" when none), in order. */
    public List<String> ifNoneMatch() {
        return ifNoneMatch;
    }

    private void conditional(HttpExchange ex) throws IOException {
        byte[] bytes = catalog.getBytes(StandardCharsets.UTF_8);
        String etag;
        try {
            etag = '"' + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) + '"';
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String condition = ex.getRequestHeaders().getFirst("If-None-Match");
        ifNoneMatch.add(condition == null ? "" : condition);
        ex.getResponseHeaders().set("ETag", etag);
        if (etag.equals(condition)) {
            catalogStatuses.add(304);
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        catalogStatuses.add(200);
        send(ex, 200, "application/json", catalog);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        // as the runtime does (ProblemMappers): HttpURLConnection treats such a 401 specially
        if (status == 401) ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"open-cli\"");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(String resource) {
        try (InputStream in = FakeRuntime.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
