package org.opencli.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/**
 * {@code ocli audit list|tail -f} against a daemon stand-in speaking the real endpoints' shapes:
 * query parameters, a 403 explained, and an SSE stream that drops the connection and reports a gap.
 */
class RemoteAuditCommandsTest {
    @TempDir
    Path dir;
    HttpServer server;
    final List<String> eventQueries = new CopyOnWriteArrayList<>();
    final List<String> streamResumes = new CopyOnWriteArrayList<>();
    CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/audit/events", this::events);
        server.createContext("/v1/audit/stream", this::stream);
        server.start();
        cli = new CliRunner(Map.of(), dir);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--runtime";
        all[1] = "http://127.0.0.1:" + server.getAddress().getPort();
        all[2] = "--state-dir";
        all[3] = dir.resolve("state").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.run(all);
    }

    private void events(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        eventQueries.add(query);
        if (query != null && query.contains("toolId=secret")) {
            send(ex, 403, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"code\":\"insufficient_scope\",\"detail\":\"GET /v1/audit/events needs the scope audit:read\","
                    + "\"requiredScope\":\"audit:read\"}");
            return;
        }
        send(ex, 200, "application/json", "{\"events\":[" + record(10, "shop:getItem") + "],\"nextCursor\":\"10\"}");
    }

    /** First connection: seq 11 and 12, then the connection ends; on resume: a gap 13..20, then seq 21. */
    private void stream(HttpExchange ex) throws IOException {
        String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
        streamResumes.add(String.valueOf(last));
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            if ("10".equals(last)) {
                out.write(sse("11", "audit", record(11, "shop:getItem")));
                out.write(sse("12", "audit", record(12, "shop:getItem")));
            } else {
                out.write(sse("20", "gap", "{\"fromSeq\":13,\"toSeq\":20}"));
                out.write(sse("21", "audit", record(21, "shop:getItem")));
            }
            out.flush();
        }
    }

    private static byte[] sse(String id, String name, String data) {
        return ("id:" + id + "\nevent:" + name + "\n: a comment\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String record(long seq, String tool) {
        return "{\"seq\":" + seq + ",\"timestamp\":\"2026-11-29T09:00:00Z\",\"eventType\":\"tool_execution\",\"toolId\":\""
                + tool + "\",\"decision\":\"allow\",\"requestId\":\"r" + seq + "\"}";
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void listSendsTheFiltersAsQueryParameters() throws Exception {
        CliResult r = ocli("audit", "list", "--tool", "shop:getItem", "--event-type", "tool_execution", "--decision", "allow",
                "--principal", "alice", "--request-id", "r10", "--since", "2026-11-29T08:00:00Z", "--limit", "5",
                "--cursor", "3", "--order", "desc", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("nextCursor").asText()).isEqualTo("10");
        assertThat(eventQueries).hasSize(1);
        assertThat(eventQueries.get(0)).contains("toolId=shop%3AgetItem", "eventType=tool_execution", "decision=allow",
                "principal=alice", "requestId=r10", "since=2026-11-29T08%3A00%3A00Z", "limit=5", "cursor=3", "order=desc");
    }

    @Test
    void aMissingScopeIsExplained() {
        CliResult r = ocli("audit", "list", "--tool", "secret");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(r.err()).contains("audit:read", "scope");
    }

    @Test
    void tailFollowsResumesWithLastEventIdAndWarnsAboutGaps() throws Exception {
        CliResult r = ocli("audit", "tail", "-n", "1", "-f", "--max-events", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<Long> seqs = r.out().lines().map(l -> {
            try {
                return Json.MAPPER.readTree(l).path("seq").asLong();
            } catch (IOException e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(seqs).containsExactly(10L, 11L, 12L, 21L);
        assertThat(streamResumes).containsExactly("10", "12");
        assertThat(r.err()).contains("reconnecting after seq 12")
                .contains("warning: gap", "seq 13..20", "ocli audit list --cursor 12 --limit 8");
    }

    @Test
    void tailOnATerminalPrintsAlignedLines() {
        CliResult r = ocli("audit", "tail", "-n", "1", "--format", "table");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).startsWith("10").contains("tool_execution", "allow", "shop:getItem", "r10");
    }
}
