package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.catalog.CatalogAnswerReader;
import org.opencli.core.error.Problem;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.json.Json;
import org.opencli.core.workflow.WorkflowRunRequest;

/** Talks to an {@code oclird} over its v1 HTTP API ({@link RuntimeHttp}). */
public final class HttpRuntimeClient implements RuntimeClient {
    private static final String SESSION_ID = CliSessionId.current();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final BearerSource bearer;
    private final CatalogCopies copies;

    public HttpRuntimeClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** {@code bearer} null: no Authorization header (a local daemon, or a runtime without auth). */
    public HttpRuntimeClient(String baseUrl, BearerSource bearer) {
        this(baseUrl, bearer, null);
    }

    /** True when calls carry a bearer token: the runtime may then show only what the token's scopes allow. */
    public boolean signedIn() {
        return bearer != null && !"clientKey".equals(bearer.mode());
    }

    /** {@code copies}: where catalog answers are kept for revalidation (null: none kept). */
    public HttpRuntimeClient(String baseUrl, BearerSource bearer, CatalogCopies copies) {
        this.bearer = bearer;
        this.copies = copies;
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "bad_runtime_url", "Bad runtime URL", "'" + baseUrl + "' is not a URL");
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new CliException(ExitCodes.USAGE, "bad_runtime_url", "Bad runtime URL",
                    "'" + baseUrl + "' is not an http(s) URL");
        }
        if (bearer != null && "http".equalsIgnoreCase(base.getScheme()) && !isLoopback(base.getHost())) {
            // fail closed: a bearer token over plain HTTP to another machine can be read on the way
            throw new CliException(ExitCodes.USAGE, "insecure_runtime_url", "Insecure runtime URL",
                    "refusing to send a bearer token over plain http to " + base + "; use https (plain http only to 127.0.0.1/localhost)");
        }
    }

    @Override
    public JsonNode catalog(String config, String mode, String agentProfile) {
        return catalogAnswer(config, mode, agentProfile, Json.MAPPER::readTree);
    }

    /** The same request as {@link #catalog}, parsed without the parts commands never read. */
    @Override
    public JsonNode commandCatalog(String config, String mode, String agentProfile) {
        return catalogAnswer(config, mode, agentProfile, CatalogAnswerReader::forCommands);
    }

    private JsonNode catalogAnswer(String config, String mode, String agentProfile, BodyReader reader) {
        Map<String, String> query = new LinkedHashMap<>();
        if (config != null) query.put("config", config);
        if (mode != null) query.put("mode", mode);
        if (agentProfile != null) query.put("agentProfile", agentProfile);
        RuntimeHttp.Request builder = RuntimeHttp.Request.get(URI.create(base + "/v1/catalog/effective" + queryString(query)));
        if (copies == null) return send(builder, false, true, reader);
        return revalidated(builder, CatalogCopies.context(base.toString(), config, mode, agentProfile), reader);
    }

    /**
     * The catalog through the kept copy: sent with {@code If-None-Match} when an intact copy for this
     * context and caller exists; a 304 reuses it (nothing downloaded), a 200 with an {@code ETag}
     * replaces it.
     */
    private JsonNode revalidated(RuntimeHttp.Request builder, String context, BodyReader reader) {
        String token = bearer == null ? null : bearer.token();
        CatalogCopies.Key key = new CatalogCopies.Key(context, CatalogCopies.identity(token));
        Optional<CatalogCopies.Copy> copy = copies.read(key);
        copy.ifPresent(c -> builder.header("If-None-Match", c.etag()));
        Sent sent = authorizedExchange(builder, token, true);
        CatalogCopies.Key answered = new CatalogCopies.Key(context, CatalogCopies.identity(sent.token()));
        RuntimeHttp.Response response = sent.response();
        if (response.status() == 304 && copy.isPresent()) {
            // a 304 names content by its hash: the copy holds exactly what this caller would get
            if (answered.equals(key)) copies.touch(key);
            else copies.write(answered, copy.get().etag(), copy.get().body());
            return parse(copy.get().body(), reader);
        }
        JsonNode answer = checked(response, reader);
        response.header("ETag").ifPresent(etag -> copies.write(answered, etag, response.body()));
        return answer;
    }

    @Override
    public JsonNode runtimeInfo() {
        // public endpoint (no token needed): a token is sent when there is one, its absence is no error
        return send(RuntimeHttp.Request.get(URI.create(base + "/v1/runtime/info")), true, true);
    }

    /** {@code POST /v1/runtime/heartbeat}: takes or renews a lease, so sending it again changes nothing more. */
    public JsonNode heartbeat(Object body) {
        return post("/v1/runtime/heartbeat", body, true);
    }

    @Override
    public JsonNode execute(ExecuteRequest request) {
        return execute(request, request.dryRun());
    }

    @Override
    public JsonNode execute(ExecuteRequest request, boolean idempotent) {
        return post("/v1/tools/execute", request, idempotent);
    }

    /** A plan-only run ({@code execute} false) calls no tool, so it may be sent again; a run that executes is not. */
    @Override
    public JsonNode runWorkflow(WorkflowRunRequest request) {
        return post("/v1/workflows/run", request, !request.execute());
    }

    /**
     * Forcing revalidation twice does no harm: sent again after a connection failure, as a read is
     * (its progress then starts over). Asks for NDJSON ({@link RefreshAnswer}); a runtime that
     * answers plain JSON is read as before, without progress.
     */
    @Override
    public JsonNode refresh(String config, String source, java.util.function.Consumer<JsonNode> progress) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        if (config != null) body.put("config", config);
        if (source != null) body.put("source", source);
        RuntimeHttp.Request request = RuntimeHttp.Request.post(URI.create(base + "/v1/refresh"), Json.writeBytes(body))
                .header("Content-Type", "application/json")
                .header("Accept", RefreshAnswer.NDJSON + ", application/json, application/problem+json")
                .lines(RefreshAnswer.progress(progress));
        return send(request, false, true, RefreshAnswer::read);
    }

    /** Sent once: a stop that reached the daemon before the connection dropped has already begun. */

    @Override
    public JsonNode stopRuntime() {
        return post("/v1/runtime/stop", Map.of(), false);
    }

    /** Idempotent: closing a session twice leaves it closed. */
    @Override
    public JsonNode closeSession(String sessionId) {
        return post("/v1/runtime/session-close", Map.of("sessionId", sessionId), true);
    }

    /** {@code GET /v1/audit/events} with the given query parameters: {@code {events, nextCursor}}. */
    public JsonNode auditEvents(Map<String, String> query) {
        return get("/v1/audit/events", query);
    }

    /**
     * Opens {@code GET /v1/audit/stream} (Server-Sent Events), resuming after {@code lastEventId}
     * when given. The caller reads the lines and closes the stream; a refusal (401, 403, bad filter)
     * is thrown as a problem like any other call, with 401/403 explained.
     */
    public java.util.stream.Stream<String> auditStream(Map<String, String> query, String lastEventId) {
        RuntimeHttp.Request request = RuntimeHttp.Request.get(URI.create(base + "/v1/audit/stream" + queryString(query)))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        if (SESSION_ID != null) request.header("X-Ocli-Session", SESSION_ID);
        request.header("traceparent", CliTrace.TRACE.nextTraceparent());
        if (bearer != null) request.header("Authorization", "Bearer " + bearer.token());
        RuntimeHttp.Opened opened;
        try {
            opened = RuntimeHttp.open(request, CONNECT_TIMEOUT);
        } catch (IOException e) {
            throw unreachable(e);
        }
        java.io.InputStream in = opened.body();
        if (opened.status() / 100 == 2) {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return lines.lines().onClose(() -> {
                try {
                    lines.close();
                } catch (IOException ignored) {
                    // the stream is being given up either way
                }
            });
        }
        byte[] body;
        try (in) {
            body = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            body = new byte[0];
        }
        Problem problem = problemOf(opened.status(), body);
        if (opened.status() == 401 || opened.status() == 403) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                json = null;
            }
            problem = AuthProblems.explain(problem, json, base.toString(), bearer);
        }
        throw new ProblemException(problem);
    }

    private JsonNode post(String path, Object request, boolean idempotent) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "bad_request_body", "Cannot encode request", e.getMessage());
        }
        return send(RuntimeHttp.Request.post(URI.create(base + path), json)
                .header("Content-Type", "application/json"), false, idempotent);
    }

    @Override
    public String location() {
        return base.toString();
    }

    /** Every GET of the API is a read: idempotent. */
    private JsonNode get(String path, Map<String, String> query) {
        URI uri = URI.create(base + path + queryString(query));
        return send(RuntimeHttp.Request.get(uri), false, true);
    }

    private JsonNode send(RuntimeHttp.Request builder, boolean tokenOptional, boolean idempotent) {
        return send(builder, tokenOptional, idempotent, Json.MAPPER::readTree);
    }

    /** How a 2xx body becomes JSON. */
    private interface BodyReader {
        JsonNode read(byte[] body) throws IOException;
    }

    private JsonNode send(RuntimeHttp.Request builder, boolean tokenOptional, boolean idempotent, BodyReader reader) {
        String token = null;
        if (bearer != null) {
            try {
                token = bearer.token();
            } catch (CliException noToken) {
                if (!tokenOptional || noToken.exitCode() != ExitCodes.AUTH_REQUIRED) throw noToken;
            }
        }
        return checked(authorizedExchange(builder, token, idempotent).response(), reader);
    }

    /** An answer and the bearer token it was sent with (null: none). */
    private record Sent(RuntimeHttp.Response response, String token) {
    }

    /** One call with {@code token} (null: none), sent once more with a renewed token when the runtime saw it expired. */
    private Sent authorizedExchange(RuntimeHttp.Request builder, String token, boolean idempotent) {
        builder.timeout(REQUEST_TIMEOUT);
        if (!builder.headers.containsKey("Accept")) builder.header("Accept", "application/json, application/problem+json");
        if (SESSION_ID != null) builder.header("X-Ocli-Session", SESSION_ID);
        builder.header("traceparent", CliTrace.TRACE.nextTraceparent());
        if (token != null) builder.header("Authorization", "Bearer " + token);
        RuntimeHttp.Response response = exchange(builder, idempotent);
        if (response.status() == 401 && bearer != null && renewable(bodyJson(response)) && bearer.renew()) {
            // the runtime saw the token as expired (clock skew, early revocation of an access token):
            // one retry with a freshly refreshed or re-acquired token; a 401 means nothing was executed
            token = bearer.token();
            builder.header("Authorization", "Bearer " + token);
            response = exchange(builder, idempotent);
        }
        return new Sent(response, token);
    }

    /** A 2xx answer's JSON; any other answer thrown as its problem, 401/403 explained. */
    private JsonNode checked(RuntimeHttp.Response response, BodyReader reader) {
        if (response.status() / 100 == 2) return parse(response.body(), reader);
        if (response.status() / 100 == 3) throw redirected(response);
        Problem problem = problemOf(response);
        if (response.status() == 401 || response.status() == 403) {
            problem = AuthProblems.explain(problem, bodyJson(response), base.toString(), bearer);
        }
        throw new ProblemException(problem);
    }

    private JsonNode parse(byte[] body, BodyReader reader) {
        try {
            return reader.read(body);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "bad_runtime_response", "Bad runtime response",
                    "the runtime at " + base + " answered with something that is not JSON");
        }
    }

    /**
     * One call; an idempotent one is sent again after a connection failure, any one after a
     * draining runtime's {@code shutting_down} ({@link ConnectionRetry}).
     */
    private RuntimeHttp.Response exchange(RuntimeHttp.Request request, boolean idempotent) {
        for (int attempt = 0;; attempt++) {
            boolean last = attempt == ConnectionRetry.RETRIES;
            try {
                RuntimeHttp.Response response = RuntimeHttp.send(request, CONNECT_TIMEOUT);
                boolean again = ConnectionRetry.refusedWhileStopping(response)
                        || idempotent && ConnectionRetry.gatewayFailure(response);
                if (last || !again) return response;
            } catch (IOException e) {
                if (!idempotent && sent(e)) throw answerLost(e);
                if (last || !idempotent || !ConnectionRetry.beforeAnswer(e)) throw unreachable(e);
            }
            try {
                ConnectionRetry.pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(e);
            }
        }
    }

    private static boolean renewable(JsonNode problem) {
        String reason = problem == null ? "" : problem.path("reason").asText("");
        return reason.equals("expired") || reason.equals("inactive");
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    private static JsonNode bodyJson(RuntimeHttp.Response response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** problem+json when the runtime sent one; otherwise a problem built from status and text. */
    static Problem problemOf(RuntimeHttp.Response response) {
        return problemOf(response.status(), response.body());
    }

    private static Problem problemOf(int status, byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.isObject() && node.hasNonNull("title")) {
                Problem p = Json.MAPPER.treeToValue(node, Problem.class);
                int effective = p.status() == 0 ? status : p.status();
                return new Problem(p.type(), p.title(), effective, p.detail(), p.code(), p.errors() == null ? List.of() : p.errors());
            }
        } catch (IOException | IllegalArgumentException e) {
            // not JSON: fall through to the plain-text form
        }
        String detail = body.isBlank() ? "HTTP " + status : body.strip();
        return new Problem("about:blank", "Runtime error", status, detail, "http_" + status, List.of());
    }

    private static boolean sent(IOException e) {
        return e instanceof RuntimeHttp.AnswerFailed || e instanceof RuntimeHttp.Unanswered;
    }

    /** A call that is not idempotent left whole and no usable answer came: it may have been carried out. */
    private CliException answerLost(IOException e) {
        return new CliException(ExitCodes.UNREACHABLE, "runtime_answer_lost", "No answer from the runtime",
                "the call was sent to the runtime at " + base + " but no usable answer came back (" + e.getMessage()
                        + "); it may have been carried out, so check (ocli audit list --since 10m) before sending it again");
    }

    /** Redirects are not followed: a bearer token must not go wherever a redirect points. */
    private CliException redirected(RuntimeHttp.Response response) {
        String location = response.header("Location").map(l -> l.length() > 200 ? l.substring(0, 200) + "…" : l).orElse("nowhere");
        return new CliException(ExitCodes.UNREACHABLE, "runtime_redirected", "Runtime answered with a redirect",
                "the runtime at " + base + " answered HTTP " + response.status() + " to " + location + "; ocli does not follow"
                        + " redirects (a token must not go where one points): if you trust that address, use it with --runtime");
    }

    private CliException unreachable(Exception e) {
        if (e instanceof RuntimeHttp.AnswerFailed) {
            return new CliException(ExitCodes.UNREACHABLE, "runtime_answer_unusable", "Runtime answer unusable",
                    "the runtime at " + base + " was reached but its answer could not be used (" + e.getMessage() + ")");
        }
        String why = e instanceof java.net.ConnectException ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCodes.UNREACHABLE, "runtime_unreachable", "Runtime unreachable",
                "cannot reach the runtime at " + base + " (" + why + ")");
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) return "";
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}
