package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.otlp.OtlpReceiver;
import org.opencli.fleet.otlp.OtlpReceiver.ReceivedSpan;
import org.opencli.fleet.upstream.UpstreamCredentials;

/**
 * The traces half of lane {@code observability} ({@link ObservabilityLane}): one execution as one
 * trace, seen from three sides: the OTLP receiver (oclird's spans, exported over OTLP/HTTP protobuf
 * by the standard OTEL_EXPORTER_OTLP_* settings), the test upstream (the {@code traceparent} it
 * received) and the audit trail (the request id). Real ocli first, then curl with its own {@code
 * traceparent} and {@code X-Request-ID}; JSON log lines carry the ids and no secret; a daemon without
 * an endpoint still sends real trace ids and exports nothing.
 */
final class ObservabilityTraces {
    private static final Duration SPANS_WITHIN = Duration.ofSeconds(30);
    /** Quarkus' server span of an execute request (it ends last: after the audit record and the answer). */
    private static final String EXECUTE_SERVER_SPAN = "POST /v1/tools/execute";

    private ObservabilityTraces() {
    }

    /** {@code env} plus what makes oclird export its spans to {@code receiver}, log JSON and write the access log. */
    static Map<String, String> exportingTo(OtlpReceiver receiver, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url());
        all.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        all.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        all.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        // the access log: one line per request, written within the request (its MDC)
        all.put("OCLIRD_JAVA_OPTS", "-Dquarkus.http.access-log.enabled=true"
                + " -Dquarkus.log.category.\"io.quarkus.http.access-log\".level=INFO");
        return all;
    }

    /**
     * The checks against {@code daemon} (started with {@link #exportingTo}, named {@code daemonName}):
     * its spans, then (after closing it) its log; then a second daemon without an endpoint.
     */
    static void check(LaneContext ctx, UpstreamProject project, Daemon daemon, String daemonName, OtlpReceiver receiver)
            throws Exception {
        ctx.log("OTLP receiver at " + receiver.url());
        throughOcli(ctx, project, daemon, receiver);
        String curlTrace = throughCurl(ctx, project, daemon, receiver, "lane-trace-42");
        ctx.artifact("spans.txt", receiver.dump());
        ctx.check("the receiver refused nothing", receiver.refusals().isEmpty(), receiver.refusals().toString());
        List<ReceivedSpan> otherClients = receiver.spans().stream()
                .filter(s -> s.kind().equals("SPAN_KIND_CLIENT") && !s.name().equals("ocli.upstream_call")).toList();
        ctx.check("the engine's upstream call is the only client span (no Vert.x client span with the full URL)",
                otherClients.isEmpty() && receiver.spans().stream().noneMatch(s -> s.attributes().containsKey("url.full")),
                otherClients.toString());
        daemon.close();
        logs(ctx, project.upstream.credentials(), daemon, daemonName, "lane-trace-42", curlTrace);

        exportOffByDefault(ctx, project, receiver);
    }

    /** ocli from the project directory: its one trace carries the catalog request and the execution. */
    private static void throughOcli(LaneContext ctx, UpstreamProject project, Daemon daemon, OtlpReceiver receiver) throws Exception {
        project.reset(ctx);
        ProcResult listed = ctx.ocliIn(project.dir, Map.of(), "--runtime", daemon.url(), "upstream", "tickets", "list-tickets");
        ctx.check("ocli --runtime … upstream tickets list-tickets: exit 0", listed.exitCode() == 0, "exit " + listed.exitCode());
        String[] sent = lastTraceparent(ctx, project);
        if (!ctx.check("the upstream received a W3C traceparent", sent != null, sent == null ? "none" : String.join("-", sent))) return;
        String traceId = sent[1];
        List<ReceivedSpan> trace = receiver.awaitTrace(traceId, has("ocli.upstream_call").and(has("ocli.catalog_build"))
                .and(has("ocli.execution")).and(has(EXECUTE_SERVER_SPAN)), SPANS_WITHIN);
        ctx.log("trace " + traceId + ": " + trace.size() + " spans");
        ReceivedSpan execution = named(trace, "ocli.execution");
        ReceivedSpan server = execution == null ? null : byId(trace, execution.parentSpanId());
        ctx.check("ocli's execution: the runtime's server span, with the execution span under it, in the upstream's trace",
                server != null && server.kind().equals("SPAN_KIND_SERVER") && server.name().contains("/v1/tools/execute"),
                server == null ? names(trace) : server.name());
        ReceivedSpan call = named(trace, "ocli.upstream_call");
        ctx.check("the upstream call's span is the upstream's parent (traceparent parent-id) and a child of the execution",
                call != null && call.spanId().equals(sent[2]) && execution != null && call.parentSpanId().equals(execution.spanId()),
                call == null ? names(trace) : call.spanId() + " vs " + sent[2]);
        ReceivedSpan policy = named(trace, "ocli.policy_decision");
        ctx.check("the policy decision is a child of the execution, tagged allow",
                policy != null && execution != null && policy.parentSpanId().equals(execution.spanId())
                        && "allow".equals(policy.attributes().get("ocli.decision")),
                policy == null ? names(trace) : policy.attributes().toString());
        ReceivedSpan build = named(trace, "ocli.catalog_build");
        ReceivedSpan fetch = named(trace, "ocli.document_fetch");
        ctx.check("the catalog build of the same ocli command is in the trace, its document fetch under it",
                build != null && fetch != null && fetch.parentSpanId().equals(build.spanId()), names(trace));
        String requestId = server == null ? null : server.attributes().get("ocli.request_id");
        JsonNode audited = requestId == null ? null
                : ctx.json(ctx.get(daemon.url() + "/v1/audit/events?requestId=" + requestId).body()).path("events");
        ctx.check("the audit record of the execution has the server span's request id",
                audited != null && audited.size() == 1 && audited.get(0).path("eventType").asText().equals("tool_execution")
                        && audited.get(0).path("requestId").asText().equals(requestId),
                "span ocli.request_id " + requestId + ", audit " + audited);
    }

    /** curl with its own trace and request id: both continued, both echoed, one audit record. */
    private static String throughCurl(LaneContext ctx, UpstreamProject project, Daemon daemon, OtlpReceiver receiver, String requestId)
            throws Exception {
        project.reset(ctx);
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        Path headers = ctx.workDir().resolve("curl-headers.txt");
        String body = "{\"toolId\": \"upstream:listTickets\"}";
        List<String> command = List.of("curl", "-sS", "-o", "/dev/null", "-D", headers.toString(), "-X", "POST",
                "-H", "Authorization: Bearer " + daemon.clientKey(), "-H", "traceparent: 00-" + callerTrace + "-" + callerSpan + "-01",
                "-H", "X-Request-ID: " + requestId, "-H", "X-Api-Key: " + project.upstream.credentials().apiKey(),
                "-H", "Content-Type: application/json", "--data", body, daemon.url() + "/v1/tools/execute");
        ctx.log("$ curl -X POST -H 'Authorization: Bearer ***' -H 'traceparent: 00-" + callerTrace + "-" + callerSpan
                + "-01' -H 'X-Request-ID: " + requestId + "' -H 'X-Api-Key: ***' --data '" + body + "' " + daemon.url() + "/v1/tools/execute");
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes());
        int exit = curl.waitFor();
        String answer = Files.isRegularFile(headers) ? Files.readString(headers) : "";
        ctx.check("curl: 200 with X-Request-Id echoed", exit == 0 && answer.startsWith("HTTP/1.1 200")
                && answer.toLowerCase(java.util.Locale.ROOT).contains("x-request-id: " + requestId.toLowerCase(java.util.Locale.ROOT)),
                "exit " + exit + " " + out + " " + answer.lines().findFirst().orElse(""));
        String[] sent = lastTraceparent(ctx, project);
        ctx.check("the upstream continued the caller's trace", sent != null && sent[1].equals(callerTrace),
                sent == null ? "none" : String.join("-", sent));
        List<ReceivedSpan> trace = receiver.awaitTrace(callerTrace, has("ocli.upstream_call").and(has(EXECUTE_SERVER_SPAN)), SPANS_WITHIN);
        ReceivedSpan server = trace.stream().filter(s -> s.kind().equals("SPAN_KIND_SERVER")).findFirst().orElse(null);
        ctx.check("the server span continues the caller's span and carries the request id",
                server != null && server.parentSpanId().equals(callerSpan) && requestId.equals(server.attributes().get("ocli.request_id")),
                server == null ? names(trace) : server.parentSpanId() + " " + server.attributes());
        ReceivedSpan call = named(trace, "ocli.upstream_call");
        ctx.check("the upstream's traceparent names the upstream call's span", call != null && sent != null && call.spanId().equals(sent[2]),
                call == null ? names(trace) : call.spanId());
        JsonNode audited = ctx.json(ctx.get(daemon.url() + "/v1/audit/events?requestId=" + requestId).body()).path("events");
        ctx.check("the audit record has the same request id", audited.size() == 1
                && audited.get(0).path("requestId").asText().equals(requestId)
                && audited.get(0).path("decision").asText().equals("allow"), audited.toString());
        return callerTrace;
    }

    /** The daemon's JSON log: every line JSON, the curl request's lines with its trace and request id, no secret anywhere. */
    private static void logs(LaneContext ctx, UpstreamCredentials credentials, Daemon daemon, String daemonName, String requestId,
                             String traceId) throws Exception {
        Path log = ctx.transcriptFile().getParent().resolve("oclird-" + daemonName + ".log");
        List<String> lines = Files.readAllLines(log);
        int json = 0;
        List<JsonNode> ofRequest = new ArrayList<>();
        long logLines = 0;
        for (String line : lines) {
            // the launcher's stdout announcement is for scripts, not a log line
            if (line.isBlank() || line.startsWith("oclird listening on ")) continue;
            logLines++;
            if (!line.startsWith("{")) continue;
            json++;
            JsonNode entry = ctx.json(line);
            if (requestId.equals(entry.path("mdc").path("requestId").asText())) ofRequest.add(entry);
        }
        ctx.check("with quarkus.log.console.json.enabled=true every log line is JSON", json > 0 && json == logLines,
                json + " of " + logLines + " lines");
        ctx.check("the request's log lines (the access log's) carry its request id and its trace id",
                !ofRequest.isEmpty() && ofRequest.stream().allMatch(e -> traceId.equals(e.path("mdc").path("traceId").asText())),
                ofRequest.size() + " lines: " + ofRequest);
        String text = String.join("\n", lines);
        List<String> leaked = new ArrayList<>();
        Map<String, String> secrets = Map.of("owner key", daemon.clientKey(), "upstream bearer", credentials.bearerToken(),
                "api key", credentials.apiKey(), "basic password", credentials.basicPassword(), "client secret", credentials.clientSecret());
        secrets.forEach((what, value) -> {
            if (value != null && !value.isEmpty() && text.contains(value)) leaked.add(what);
        });
        ctx.check("no token or secret in any log line", leaked.isEmpty(), leaked.isEmpty() ? "scanned " + lines.size() + " lines" : "found " + leaked);
    }

    /** A daemon with no OTLP endpoint: the SDK still gives the upstream a real trace, and nothing is exported. */
    private static void exportOffByDefault(LaneContext ctx, UpstreamProject project, OtlpReceiver receiver) throws Exception {
        int before = receiver.spans().size();
        try (Daemon plain = ctx.startDaemon("traces-default", project.env(), "--config", project.config.toString())) {
            project.reset(ctx);
            ProcResult listed = ctx.ocliIn(project.dir, Map.of(), "--runtime", plain.url(), "upstream", "tickets", "list-tickets");
            String[] sent = lastTraceparent(ctx, project);
            ctx.check("without an endpoint the upstream still gets a traceparent with real ids",
                    listed.exitCode() == 0 && sent != null && !sent[1].equals("0".repeat(32)), sent == null ? "none" : String.join("-", sent));
        }
        Path log = ctx.transcriptFile().getParent().resolve("oclird-traces-default.log");
        String text = Files.isRegularFile(log) ? Files.readString(log) : "";
        ctx.check("without an endpoint nothing is exported (no span reached the receiver, no export attempt logged)",
                receiver.spans().size() == before && !text.contains("Failed to export") && !text.contains("4317"),
                (receiver.spans().size() - before) + " new spans");
    }

    private static String[] lastTraceparent(LaneContext ctx, UpstreamProject project) throws Exception {
        JsonNode requests = project.requests(ctx);
        if (requests.isEmpty()) return null;
        String tp = requests.get(requests.size() - 1).path("traceparent").asText("");
        String[] parts = tp.split("-");
        return parts.length == 4 && parts[0].equals("00") && parts[1].matches("[0-9a-f]{32}") && parts[2].matches("[0-9a-f]{16}") ? parts : null;
    }

    private static Predicate<List<ReceivedSpan>> has(String name) {
        return trace -> trace.stream().anyMatch(s -> s.name().equals(name));
    }

    private static ReceivedSpan named(List<ReceivedSpan> trace, String name) {
        return trace.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static ReceivedSpan byId(List<ReceivedSpan> trace, String spanId) {
        return trace.stream().filter(s -> s.spanId().equals(spanId)).findFirst().orElse(null);
    }

    private static String names(List<ReceivedSpan> trace) {
        return trace.stream().map(ReceivedSpan::name).toList().toString();
    }
}
