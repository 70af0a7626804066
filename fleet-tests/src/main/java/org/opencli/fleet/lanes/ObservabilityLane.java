package org.opencli.fleet.lanes;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.otlp.OtlpReceiver;
import org.opencli.fleet.prometheus.PrometheusFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Metrics and traces as a platform team reads them (issue 19), from one oclird that is both scraped
 * and exporting spans. Metrics: a real Prometheus scrapes oclird's
 * {@code /q/metrics} every second with the daemon's owner key (a local daemon without runtime auth
 * serves only its owner; with runtime auth the scraper's token needs {@code runtime:metrics}).
 * Executions through the real {@code ocli} — allowed, denied by policy, answered 4xx and 5xx — and
 * refused requests without a key; then Prometheus' query API returns exactly those counts and
 * histogram counts (polled until a scrape has them). Traces, logs and request ids: {@link
 * ObservabilityTraces}, on the same daemon once the counts are checked.
 */
public final class ObservabilityLane implements Lane {
    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static final int ALLOWED = 3;
    private static final int DENIED = 2;
    private static final int UNAUTHENTICATED = 2;

    private static final String DAEMON = "observability";

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0); OtlpReceiver receiver = new OtlpReceiver()) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream,
                    config -> config.putObject("policy").putArray("deny").add("upstream:getLogo"));
            // one daemon for both halves: scraped by Prometheus, exporting its spans over OTLP; config
            // files looked at on every request, so the edit below is seen by the next command
            Daemon daemon = ctx.startDaemon(DAEMON, ObservabilityTraces.exportingTo(receiver, project.env()),
                    "--config", project.config.toString(), "--file-check-interval", "0");
            metrics(ctx, project, daemon);
            // after the metrics' exact counts (the traces' executions would add to them); a changed
            // config, so the traced command builds the catalog again and its build and fetch spans show
            project.editConfig(config -> ((com.fasterxml.jackson.databind.node.ArrayNode) config.path("policy").path("deny"))
                    .add("upstream:deleteTicket"));
            ObservabilityTraces.check(ctx, project, daemon, DAEMON, receiver);
        }
    }

    private static void metrics(LaneContext ctx, UpstreamProject project, Daemon daemon) throws Exception {
        if (!ctx.check("Debian's prometheus is installed (scripts/test-packages.sh)", PrometheusFixture.installed(), "/usr/bin/prometheus")) {
            return;
        }
        RemoteApiCoreLane.Core cli = new RemoteApiCoreLane.Core(ctx, project, daemon.url());
        URI api = URI.create(daemon.url());

        HttpResponse<String> stranger = asStranger(ctx, daemon.url() + "/q/metrics");
        ctx.check("/q/metrics without the owner key: 401, no metrics", stranger.statusCode() == 401
                && !stranger.body().contains("ocli_"), stranger.statusCode() + "");

        try (PrometheusFixture prometheus = PrometheusFixture.start(ctx.workDir().resolve("prometheus"),
                api.getHost() + ":" + api.getPort(), "/q/metrics", daemon.clientKey())) {
            ctx.log("prometheus at " + prometheus.url() + " scraping " + daemon.url() + "/q/metrics");
            expect(ctx, prometheus, "Prometheus scrapes oclird with the owner key (up == 1)", "up{job=\"oclird\"}", v -> v == 1);

            int allowedOk = 0;
            for (int i = 0; i < ALLOWED; i++) if (cli.ocli("upstream", "diagnostics", "echo-get", "metrics-" + i).exitCode() == 0) allowedOk++;
            int denied = 0;
            for (int i = 0; i < DENIED; i++) if (cli.ocli("upstream", "content", "get-logo").exitCode() == 5) denied++;
            ProcResult notFound = cli.ocli("upstream", "tickets", "get-ticket", "999999");
            ProcResult serverError = cli.ocli("upstream", "retries", "always503");
            ctx.check("the executions ran as planned: 3 allowed, 2 denied (exit 5), a 404 (exit 6), a 503 (exit 7)",
                    allowedOk == ALLOWED && denied == DENIED && notFound.exitCode() == 6 && serverError.exitCode() == 7,
                    allowedOk + " allowed, " + denied + " denied, 404 exit " + notFound.exitCode() + ", 503 exit " + serverError.exitCode());
            for (int i = 0; i < UNAUTHENTICATED; i++) asStranger(ctx, daemon.url() + "/v1/catalog/effective");

            expect(ctx, prometheus, "executions allowed with a 2xx, by tool",
                    "sum(ocli_executions_total{tool=\"upstream:echoGet\",decision=\"allow\",reason=\"ok\",status_class=\"2xx\"})",
                    v -> v == ALLOWED);
            expect(ctx, prometheus, "executions denied by policy, by tool and reason",
                    "sum(ocli_executions_total{tool=\"upstream:getLogo\",decision=\"deny\",reason=\"policy_deny\"})", v -> v == DENIED);
            expect(ctx, prometheus, "an upstream 404 is one execution with status class 4xx",
                    "sum(ocli_executions_total{tool=\"upstream:getTicket\",status_class=\"4xx\"})", v -> v == 1);
            expect(ctx, prometheus, "an upstream 503 is one execution with status class 5xx",
                    "sum(ocli_executions_total{tool=\"upstream:always503\",status_class=\"5xx\"})", v -> v == 1);
            int executions = ALLOWED + DENIED + 2;
            expect(ctx, prometheus, "the execution latency histogram counted every execution",
                    "sum(ocli_execution_duration_seconds_count)", v -> v == executions);
            expect(ctx, prometheus, "its +Inf bucket equals its count", "sum(ocli_execution_duration_seconds_bucket{le=\"+Inf\"})",
                    v -> v == executions);
            expect(ctx, prometheus, "the upstream latency histogram: one 2xx attempt per allowed call",
                    "sum(ocli_upstream_duration_seconds_count{service=\"upstream\",status_class=\"2xx\"})", v -> v == ALLOWED);
            expect(ctx, prometheus, "the 503 tool's attempts are each observed (retried: at least 2)",
                    "sum(ocli_upstream_duration_seconds_count{service=\"upstream\",status_class=\"5xx\"})", v -> v >= 2);
            expect(ctx, prometheus, "no upstream attempt went without an answer (status class none)",
                    "count(ocli_upstream_duration_seconds_count{status_class=\"none\"}) or vector(0)", v -> v == 0);
            expect(ctx, prometheus, "requests without a key are authentication failures by reason",
                    "ocli_authn_failures_total{reason=\"missing\"}", v -> v == UNAUTHENTICATED + 1);
            expect(ctx, prometheus, "the catalog was built at least once", "sum(ocli_catalog_build_duration_seconds_count{outcome=\"ok\"})",
                    v -> v >= 1);
            expect(ctx, prometheus, "document fetches are counted by cache outcome", "sum(ocli_document_fetches_total)", v -> v >= 1);
            expect(ctx, prometheus, "the audit store wrote a record per execution and refusal",
                    "ocli_audit_records_written_total", v -> v >= executions + UNAUTHENTICATED);
            expect(ctx, prometheus, "audit forces are timed", "ocli_audit_force_duration_seconds_count", v -> v >= 1);
            expect(ctx, prometheus, "the audit store is healthy and its queue drained",
                    "ocli_audit_healthy + ocli_audit_queue_depth", v -> v == 1);
            ctx.artifact("metrics.txt", ctx.get(daemon.url() + "/q/metrics", Map.of("Authorization", "Bearer " + daemon.clientKey(),
                    "Accept", "text/plain")).body());
        }
    }

    /** A request without the owner key, as another local user would send it (ctx.get adds the key). */
    private static HttpResponse<String> asStranger(LaneContext ctx, String url) throws java.io.IOException, InterruptedException {
        HttpResponse<String> response = ctx.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        ctx.log("GET " + url + " as a stranger -> " + response.statusCode());
        return response;
    }

    private static void expect(LaneContext ctx, PrometheusFixture prometheus, String name, String promql, DoublePredicate wanted)
            throws Exception {
        OptionalDouble seen = prometheus.await(promql, wanted, SCRAPED);
        boolean pass = seen.isPresent() && wanted.test(seen.getAsDouble());
        ctx.check(name, pass, promql + " = " + (seen.isPresent() ? seen.getAsDouble() : "no sample") + (pass ? "" : "; target "
                + prometheus.targetHealth()));
    }
}
